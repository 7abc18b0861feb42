package io.newsflow.enrich.entities;

import java.util.Set;

/**
 * The context words the rules read: titles before names, head words that make a name an
 * organisation, a place or an event, and the words around a name that hint at its class. Written
 * by hand from news style guides' conventions; short and closed, so code rather than data files.
 */
final class Cues {

    private Cues() {
    }

    /** Words before a person's name that are not part of it ("President", "Mr", "Gen"). */
    static final Set<String> TITLES = Set.of(
            "president", "vice", "prime", "minister", "ministers", "premier", "chancellor", "secretary",
            "secretary-general", "undersecretary", "king", "queen", "prince", "princess", "emir", "sheikh",
            "sultan", "pope", "ayatollah", "cardinal", "archbishop", "bishop", "rev", "reverend", "pastor",
            "rabbi", "imam", "administrator", "doctor", "coroner", "minister-president", "secretary-of-state", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
            "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain", "sgt",
            "sergeant", "adm", "admiral", "cmdr", "commander", "marshal", "brig", "cpl", "corporal", "pvt",
            "private", "officer", "detective", "inspector", "constable", "chief", "sheriff", "deputy", "judge",
            "justice", "magistrate", "attorney", "prosecutor", "lawyer", "gov", "governor", "sen", "senator",
            "rep", "representative", "congressman", "congresswoman", "mayor", "speaker", "ambassador",
            "envoy", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "ceo",
            "cfo", "coo", "cto", "executive", "financial", "operating", "founder", "co-founder", "director", "coach", "manager", "striker",
            "midfielder", "defender", "goalkeeper", "quarterback", "pitcher", "chef", "dj", "mp", "mep",
            "councillor", "councilman", "councilwoman", "alderman", "commissioner", "superintendent",
            "provost", "president-elect", "ex-president", "former", "late", "then-president", "acting",
            "crown", "leader", "counsel", "analyst", "economist", "author", "actor", "actress", "singer",
            "rapper", "champion", "star", "veteran", "activist", "nominee", "candidate", "incumbent", "insider",
            "columnist", "editor", "writer", "reporter", "correspondent", "anchor", "host", "presenter");

    /** Last words that make a name an organisation. */
    static final Set<String> ORG_HEADS = Set.of(
            "inc", "corp", "corporation", "ltd", "llc", "llp", "plc", "ag", "gmbh", "sa", "nv", "bv", "spa", "ab",
            "asa", "oyj", "co", "company", "companies", "group", "holdings", "holding", "partners", "ventures",
            "capital", "bank", "bancorp", "party", "ministry", "department", "university", "college",
            "school", "academy", "institute", "institution", "agency", "council", "committee", "commission",
            "authority", "bureau", "office", "board", "court", "tribunal", "parliament", "assembly", "senate",
            "congress", "cabinet", "government", "administration", "union", "federation", "confederation",
            "league", "association", "society", "foundation", "fund", "trust", "club", "fc", "united",
            "airlines", "airways", "air", "motors", "motor", "systems", "technologies", "technology", "labs",
            "laboratories", "pharmaceuticals", "pharma", "industries", "enterprises", "energy", "oil", "petroleum",
            "telecom", "communications", "media", "press", "news", "times", "post", "journal", "herald",
            "tribune", "gazette", "star", "sun", "globe", "telegraph", "chronicle", "examiner", "inquirer", "mirror",
            "observer", "courier", "bulletin", "weekly", "daily", "magazine", "monthly", "network", "networks", "broadcasting", "radio", "television", "tv", "army",
            "navy", "force", "forces", "guard", "police", "service", "services", "organization",
            "organisation", "coalition", "alliance", "movement", "front", "brigade", "brigades", "militia",
            "hospital", "clinic", "church", "museum", "orchestra", "band", "team", "studios", "records",
            "publishing", "publishers", "exchange", "reserve", "treasury", "secretariat", "centre", "center",
            "observatory", "consortium", "cooperative", "directorate", "inspectorate", "regiment", "battalion",
            // trades that close company names ("Kestrel Robotics", "Harbour Foods")
            "foods", "robotics", "logistics", "solutions", "software", "semiconductor", "semiconductors",
            "biotech", "therapeutics", "biosciences", "mining", "metals", "resources", "brands", "entertainment",
            "insurance", "financial", "securities", "investments", "properties", "realty", "shipping",
            "beverages", "chemicals", "electronics", "automotive", "aerospace", "engineering", "construction",
            "healthcare", "devices", "instruments", "materials", "utilities", "railways", "bancshares");

    /** Words after which "of"/"for" continue an organisation's or a place's name. */
    static final Set<String> OF_HEADS = Set.of(
            "bank", "ministry", "department", "university", "college", "school", "academy", "institute", "agency",
            "council", "committee", "commission", "board", "court", "office", "bureau", "house", "chamber",
            "federation", "association", "society", "foundation", "union", "league", "church", "museum",
            "republic", "kingdom", "state", "states", "emirate", "principality", "duchy", "province",
            "district", "county", "city", "isle", "island", "islands", "gulf", "bay", "sea", "strait", "straits",
            "cape", "lake", "mount", "river", "party", "organization", "organisation", "centre", "center",
            "hospital", "daughters", "sons", "friends", "order", "army", "corps", "secretariat", "port",
            "library", "temple", "cathedral", "palace", "tower", "statue", "bill", "declaration", "battle",
            "siege", "treaty", "festival", "tour", "game", "games", "conference", "congress", "parliament");

    /** Last words that make a name a place. */
    static final Set<String> LOC_HEADS = Set.of(
            "river", "lake", "mountain", "mountains", "mount", "island", "islands", "isles", "sea", "ocean",
            "bay", "gulf", "strait", "valley", "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd",
            "square", "park", "bridge", "airport", "county", "province", "region", "city", "town", "village",
            "district", "peninsula", "desert", "canal", "coast", "beach", "hill", "hills", "heights", "falls",
            "forest", "station", "harbor", "harbour", "port", "highway", "freeway", "lane", "plaza", "hall",
            "stadium", "arena", "cathedral", "palace", "tower", "castle", "abbey", "prison", "base", "camp",
            "crossing", "border", "state", "territory", "oblast", "prefecture", "canton", "republic",
            "kingdom", "emirate", "delta", "basin", "plateau", "glacier", "reef", "volcano", "pass", "springs",
            "creek", "gardens", "field", "speedway", "raceway", "zoo", "mall", "center", "centre");

    /** First words that make a name a place ("Mount Everest", "Lake Geneva"). */
    static final Set<String> LOC_STARTS = Set.of(
            "mount", "mt", "lake", "fort", "ft", "port", "cape", "gulf", "isle", "san", "santa", "sao", "saint",
            "st", "north", "south", "east", "west", "new", "upper", "lower", "greater", "central", "northern",
            "southern", "eastern", "western");

    /** Last words that make a name an event, law, award or other MISC name. */
    static final Set<String> MISC_HEADS = Set.of(
            "war", "wars", "cup", "olympics", "olympiad", "games", "prize", "award", "awards", "festival",
            "championship", "championships", "open", "act", "treaty", "accord", "accords", "agreement",
            "conference", "summit", "day", "week", "tournament", "series", "bowl", "expo", "marathon",
            "grand", "prix", "revolution", "crisis", "pandemic", "storm", "hurricane", "typhoon", "cyclone",
            "protocol", "doctrine", "plan", "initiative", "program", "programme", "project", "mission",
            "declaration", "constitution", "amendment", "bill", "code", "law", "charter", "convention",
            "election", "elections", "referendum", "movement", "massacre", "challenge", "show", "album",
            "novel", "film", "league", "fair", "finals", "final", "semifinals", "playoffs", "trophy", "classic");

    /** Words right after a name that say a person speaks or acts. */
    static final Set<String> PERSON_VERBS = Set.of(
            "said", "says", "told", "added", "wrote", "tweeted", "posted", "explained", "argued", "insisted",
            "recalled", "noted", "warned", "admitted", "acknowledged", "claimed", "asked", "replied",
            "answered", "stated", "testified", "resigned", "died", "smiled", "laughed", "believes", "thinks",
            "felt", "thought", "knew", "hopes");

    /** Words right before a name that say it is a place. */
    static final Set<String> LOC_PREPS = Set.of(
            "in", "near", "outside", "across", "throughout", "towards", "toward", "into", "inside", "around",
            "from", "northern", "southern", "eastern", "western", "central", "downtown",
            "visit", "visited", "visiting", "entered", "invaded", "invade");

    /** Place prepositions of other languages ("à Marseille", "nach Berlin", "em Lisboa"). */
    static final Set<String> FOREIGN_LOC_PREPS = Set.of(
            "à", "au", "aux", "dans", "près", "vers", "en", "em", "in", "nach", "aus", "desde", "hacia", "naar",
            "från", "în", "nel", "nella", "w", "we", "ve");

    /** Words between capitalised words that still belong to one name ("von der Leyen"). */
    static final Set<String> PARTICLES = Set.of(
            "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "van", "von", "der", "den", "ter",
            "la", "le", "bin", "bint", "ibn", "al", "el", "zu", "af", "ben", "abu");

    /** All-caps words that are not organisations. */
    static final Set<String> NOT_ACRONYMS = Set.of(
            "CEO", "CFO", "IQ", "VIPS", "FAQS", "CEOS", "COO", "CTO", "TV", "GDP", "AI", "OK", "AM", "PM", "DNA", "HIV", "AIDS", "PC", "ID", "IT",
            "VIP", "PR", "HR", "CV", "DJ", "MP", "MEP", "MPS", "USD", "EUR", "GBP", "II", "III", "IV", "VI", "VII",
            "VIII", "IX", "XI", "XII", "XIV", "XV", "XVI", "XX", "UTC", "GMT", "EST", "PST", "BST", "CET", "EDT",
            "PDT", "FAQ", "PDF", "URL", "SUV", "GPS", "LGBT", "LGBTQ", "Q1", "Q2", "Q3", "Q4", "KM", "MPH", "CO2",
            "AD", "BC", "BCE", "CE", "RIP", "ATM", "IPO", "ETF", "APP", "USB", "VPN", "MRI", "ICU", "ER", "CCTV",
            "THE", "AND", "OF", "FOR", "IN", "ON", "TO", "A", "I", "IS", "BY", "AT", "WITH", "NEW", "NOT", "NO",
            "UPDATE", "BREAKING", "WATCH", "LIVE", "VIDEO", "PHOTOS", "READ", "MORE", "EXCLUSIVE", "OPINION");

    /** Capitalised words that are never names by themselves: days, months, greetings. */
    static final Set<String> NEVER = Set.of(
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
            "wed", "thu", "fri", "sat", "sun", "i", "i'm", "i've", "i'll", "i'd", "ok", "okay", "yes", "no", "mr",
            "mrs", "ms", "dr", "image", "photo", "video", "file", "source", "sources", "update", "updated",
            "related", "advertisement", "read", "more", "editor", "editors", "reporter", "correspondent",
            "copyright", "sign", "subscribe", "share", "click", "here", "god", "lord", "rs", "inr", "usd", "eur");

    /** Sentence-initial words that look like name starts but are not ("According", "Despite"). */
    static final Set<String> SENTENCE_STARTERS = Set.of(
            "according", "despite", "although", "though", "meanwhile", "however", "yet", "still", "also", "as",
            "after", "before", "since", "while", "when", "where", "if", "unless", "until", "during", "under",
            "like", "unlike", "among", "amid", "following", "including", "speaking", "asked", "earlier",
            "later", "today", "yesterday", "tomorrow", "tonight", "last", "next", "this", "that", "these",
            "those", "some", "many", "most", "several", "both", "each", "every", "one", "two", "three", "four",
            "five", "six", "seven", "eight", "nine", "ten", "dear", "welcome", "thanks", "please");
}
