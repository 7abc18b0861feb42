package io.newsflow.enrich.entities;

import java.util.List;
import java.util.Set;

/**
 * The words around a name that say it is an organisation whatever the name itself looks like:
 * a company ("shares of X", "X's chief executive", "carmaker X", "X (NYSE: XYZ)"), an agency or
 * body ("a spokeswoman for X", "X officials"), or, in a sports story, a team named after its city
 * or country ("X beat Y 2-1", "against X", "X's coach"). Taken from news style rather than any
 * one set of articles: closed lists of function-like words, so code rather than data files.
 */
final class OrgCues {

    private OrgCues() {
    }

    /** Words right after a name that make it an organisation ("Acme shares", "Acme spokesman"). */
    static final Set<String> AFTER = Set.of(
            "spokesman", "spokeswoman", "spokesperson", "spokespeople", "executives", "employees", "shareholders",
            "stockholders", "shares", "stock", "chairman", "chairwoman", "ceo", "cfo", "subsidiary", "subsidiaries",
            "headquarters", "officials", "staffers", "workers", "board", "boss", "bosses", "founder", "co-founder",
            "insiders", "management", "lawmakers", "leadership", "members", "unit", "division", "plant", "factory",
            "factories", "stores", "outlets", "branches", "dealers", "customers", "subscribers", "brand");

    /** Sports words right after a name that make it a team ("Leeds fans", "Ajax's coach"). */
    static final Set<String> TEAM_AFTER = Set.of(
            "fans", "supporters", "players", "squad", "coach", "manager", "striker", "goalkeeper", "midfielder",
            "defender", "captain", "forward", "quarterback", "pitcher", "lineup", "line-up", "equaliser",
            "equalizer", "defence", "defense", "midfield", "keeper", "skipper", "boss");

    /** Verbs after a team's name in a results story ("Belgium beat Panama"). */
    static final Set<String> TEAM_VERBS = Set.of(
            "beat", "beats", "defeated", "defeats", "drew", "draws", "lost", "loses", "won", "wins", "scored",
            "face", "faces", "faced", "host", "hosts", "hosted", "edged", "thrashed", "routed", "trailed", "trail",
            "trails", "advanced", "advance", "qualified", "qualify", "clinched", "eliminated", "equalised",
            "equalized", "conceded", "concede", "leads", "led", "dominated", "played", "play", "plays",
            "substituted", "started", "finished", "topped", "top", "tops", "held", "needed", "missed");

    /** Words right before a team's name in a results story ("against Panama", "to Leeds"). */
    static final Set<String> TEAM_BEFORE = Set.of(
            "against", "beat", "beating", "defeated", "defeating", "faced", "facing", "face", "vs", "v", "versus",
            "host", "hosts", "hosting", "visiting", "visit", "visitors", "hosted", "thrashed", "edged", "routed",
            "eliminated", "knocked", "debutants", "champions", "rivals", "side", "outfit", "club");

    /** Words two before a team's name that take a preposition first ("scored for X", "lost to X"). */
    static final Set<String> TEAM_BEFORE_PREPOSITION = Set.of("scored", "score", "scoring", "goal", "goals",
            "played", "plays", "playing", "debut", "signed", "joined", "lost", "losing", "loss", "defeat",
            "win", "won", "victory", "draw", "drew", "moved", "transfer", "loan", "loaned", "equaliser", "equalizer");

    /** Nouns right before a name that class it as a company or body ("carmaker Stellantis", "US regulator FAA"). */
    static final Set<String> BEFORE = Set.of(
            "carmaker", "automaker", "retailer", "lender", "insurer", "airline", "carrier", "firm", "company",
            "startup", "start-up", "giant", "conglomerate", "broker", "brokerage", "miner", "chipmaker",
            "drugmaker", "manufacturer", "supplier", "operator", "publisher", "broadcaster", "newspaper", "agency",
            "regulator", "watchdog", "bank", "banks", "group", "rival", "rivals", "competitor", "subsidiary",
            "unit", "utility", "developer", "maker", "producer", "exporter", "importer", "distributor", "retailers",
            "outlet", "network", "brand", "label", "studio", "charity", "ngo", "nonprofit", "non-profit",
            "think-tank", "consultancy", "fund", "lobby", "union", "party", "club", "franchise");

    /** Words before "of"/"for"/"at" + name that make it an organisation ("chief executive of X"). */
    static final Set<String> BEFORE_PREPOSITION = Set.of(
            "shares", "stake", "executive", "ceo", "cfo", "chairman", "chairwoman", "spokesman", "spokeswoman",
            "spokesperson", "employees", "employee", "staff", "subsidiary", "unit", "acquisition", "takeover",
            "owner", "founder", "co-founder", "shareholders", "analyst", "analysts", "economist", "economists",
            "strategist", "researchers", "director", "directors", "board", "division", "investors", "president",
            "stock", "headquarters", "works", "worked", "working", "job", "jobs", "lawyer", "lawyers");

    /** Stock exchanges whose ticker in brackets follows a company's name ("(NYSE: ACME)"). */
    static final Set<String> EXCHANGES = Set.of("nyse", "nasdaq", "lse", "tsx", "asx", "hkex", "six", "xetra",
            "otc", "amex", "tse", "nse", "bse", "euronext", "sgx", "krx", "jse", "moex", "nyse american", "otcqx");

    /** Words of sport; a story with several of them is read as a sports story (a hash set: looked up per word). */
    static final Set<String> SPORT = new java.util.HashSet<>(List.of(
            "match", "matches", "goal", "goals", "scored", "league", "cup", "championship", "tournament", "coach",
            "striker", "midfielder", "goalkeeper", "defender", "season", "fixture", "fixtures", "penalty",
            "half-time", "halftime", "kick-off", "stadium", "innings", "wicket", "wickets", "touchdown",
            "quarterback", "playoff", "playoffs", "semi-final", "semifinal", "quarter-final", "quarterfinal",
            "referee", "squad", "standings", "victory", "defeat", "draw", "points", "minute", "score", "scoreline",
            "football", "soccer", "rugby", "cricket", "hockey", "basketball", "baseball", "fans", "team", "teams",
            "player", "players", "club", "clubs", "win", "won", "beat", "defeated", "equaliser", "equalizer"));

    /** Sport words a story needs before "won", "led" or "against" mean a team. */
    static final int MIN_SPORT_WORDS = 6;
}
