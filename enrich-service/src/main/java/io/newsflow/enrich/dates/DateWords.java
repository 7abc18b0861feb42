package io.newsflow.enrich.dates;

import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The closed-class words dates are written with in English, German, French and Spanish: month and
 * weekday names, the words that make an ambiguous month name a month ("in May"), relative day words
 * and relative periods. Kept in code rather than a resource because they are grammar, not data:
 * a few hundred fixed words that change only with the rules that use them.
 *
 * <p>Each month name carries how much context it needs. English and German names must be
 * capitalised; French and Spanish ones are written in lower case, and a capitalised
 * {@code Julio} or {@code Domingo} is more often a person.
 */
final class DateWords {

    /** How much evidence a month name needs before it counts as a month. */
    enum Strength {
        /** A month even alone ("January was the wettest on record"). */
        STRONG,
        /** Also a name or a word (May, March, June, mars, mayo): needs a day, a year or a context word. */
        WEAK,
        /** An abbreviation (Jan, Mar, Sept): needs a day or a year. */
        ABBREVIATION
    }

    /** Letter case a name must be written in. */
    enum Case { CAPITALISED, LOWER, ANY }

    record MonthName(int month, Strength strength, Case letterCase) {
    }

    record WeekdayName(DayOfWeek day, Case letterCase) {
    }

    /** A fixed phrase meaning a period relative to publication ("next month" = +1 month). */
    record Phrase(List<String> words, Unit unit, int delta) {
    }

    enum Unit { DAY, MONTH, YEAR }

    static final Map<String, MonthName> MONTHS = new HashMap<>();
    static final Map<String, WeekdayName> WEEKDAYS = new HashMap<>();
    static final Map<String, List<Phrase>> PHRASES = new HashMap<>();

    static {
        Strength s = Strength.STRONG;
        Strength w = Strength.WEAK;
        Strength a = Strength.ABBREVIATION;
        Case cap = Case.CAPITALISED;
        Case low = Case.LOWER;
        // English (German shares April, August, September, November)
        month(cap, 1, s, "january");
        month(cap, 2, s, "february");
        month(cap, 3, w, "march");
        month(cap, 4, w, "april");
        month(cap, 5, w, "may");
        month(cap, 6, w, "june");
        month(cap, 7, s, "july");
        month(cap, 8, w, "august");
        month(cap, 9, s, "september");
        month(cap, 10, s, "october");
        month(cap, 11, s, "november");
        month(cap, 12, s, "december");
        month(cap, 1, a, "jan");
        month(cap, 2, a, "feb");
        month(cap, 3, a, "mar");
        month(cap, 4, a, "apr");
        month(cap, 6, a, "jun");
        month(cap, 7, a, "jul");
        month(cap, 8, a, "aug");
        month(cap, 9, a, "sep", "sept");
        month(cap, 10, a, "oct");
        month(cap, 11, a, "nov");
        month(cap, 12, a, "dec");
        // German
        month(cap, 1, s, "januar", "jänner");
        month(cap, 2, s, "februar");
        month(cap, 3, s, "märz", "maerz");
        month(cap, 6, s, "juni");
        month(cap, 7, s, "juli");
        month(cap, 10, s, "oktober");
        month(cap, 12, s, "dezember");
        // French; "Mai" is also German
        month(low, 1, s, "janvier");
        month(low, 2, s, "février", "fevrier");
        month(low, 3, w, "mars"); // lower case only: "Mars" is the planet
        month(Case.ANY, 5, s, "mai");
        month(low, 4, s, "avril");
        month(low, 6, s, "juin");
        month(low, 7, s, "juillet");
        month(low, 8, s, "août", "aout");
        month(low, 9, s, "septembre");
        month(low, 10, s, "octobre");
        month(low, 11, s, "novembre");
        month(low, 12, s, "décembre", "decembre");
        // Spanish
        month(low, 1, s, "enero");
        month(low, 2, s, "febrero");
        month(low, 3, s, "marzo");
        month(low, 4, s, "abril");
        month(low, 5, w, "mayo");
        month(low, 6, s, "junio");
        month(low, 7, s, "julio");
        month(low, 8, s, "agosto");
        month(low, 9, s, "septiembre", "setiembre");
        month(low, 10, s, "octubre");
        month(low, 11, s, "noviembre");
        month(low, 12, s, "diciembre");

        weekday(cap, "monday", "montag");
        weekday(cap, "tuesday", "dienstag");
        weekday(cap, "wednesday", "mittwoch");
        weekday(cap, "thursday", "donnerstag");
        weekday(cap, "friday", "freitag");
        weekday(cap, "saturday", "samstag", "sonnabend");
        weekday(cap, "sunday", "sonntag");
        weekday(low, "monday", "lundi", "lunes");
        weekday(low, "tuesday", "mardi", "martes");
        weekday(low, "wednesday", "mercredi", "miércoles", "miercoles");
        weekday(low, "thursday", "jeudi", "jueves");
        weekday(low, "friday", "vendredi", "viernes");
        weekday(low, "saturday", "samedi", "sábado", "sabado");
        weekday(low, "sunday", "dimanche", "domingo");

        Unit d = Unit.DAY;
        Unit m = Unit.MONTH;
        Unit y = Unit.YEAR;
        phrase(d, -1, "yesterday");
        phrase(d, 0, "today");
        phrase(d, 0, "tonight");
        phrase(d, 1, "tomorrow");
        phrase(d, -1, "last night");
        phrase(d, 0, "this morning");
        phrase(d, 0, "this afternoon");
        phrase(d, 0, "this evening");
        phrase(d, -2, "the day before yesterday");
        phrase(d, 2, "the day after tomorrow");
        phrase(m, -1, "last month");
        phrase(m, 0, "this month");
        phrase(m, 1, "next month");
        phrase(y, -1, "last year");
        phrase(y, 0, "this year");
        phrase(y, 1, "next year");
        phrase(d, -1, "gestern");
        phrase(d, -2, "vorgestern");
        phrase(d, 0, "heute");
        phrase(d, 1, "morgen"); // lower case only, checked by the finder ("Morgen" is morning)
        phrase(d, 2, "übermorgen");
        phrase(m, -1, "letzten monat");
        phrase(m, -1, "vergangenen monat");
        phrase(m, 0, "diesen monat");
        phrase(m, 1, "nächsten monat");
        phrase(m, 1, "kommenden monat");
        phrase(y, -1, "letztes jahr");
        phrase(y, -1, "letzten jahr");
        phrase(y, -1, "vergangenes jahr");
        phrase(y, -1, "vergangenen jahr");
        phrase(y, -1, "vorjahr");
        phrase(y, 0, "dieses jahr");
        phrase(y, 0, "diesem jahr");
        phrase(y, 0, "diesen jahres");
        phrase(y, 1, "nächstes jahr");
        phrase(y, 1, "nächsten jahr");
        phrase(y, 1, "kommendes jahr");
        phrase(y, 1, "kommenden jahr");
        phrase(d, -1, "hier");
        phrase(d, -2, "avant-hier");
        phrase(d, 0, "aujourd'hui");
        phrase(d, 0, "aujourd\u2019hui");
        phrase(d, 1, "demain");
        phrase(d, 2, "après-demain");
        phrase(m, -1, "mois dernier");
        phrase(m, 1, "mois prochain");
        phrase(m, 0, "ce mois-ci");
        phrase(y, -1, "l'année dernière");
        phrase(y, -1, "l\u2019année dernière");
        phrase(y, -1, "l'an dernier");
        phrase(y, -1, "l\u2019an dernier");
        phrase(y, 0, "cette année");
        phrase(y, 1, "l'année prochaine");
        phrase(y, 1, "l\u2019année prochaine");
        phrase(y, 1, "l'an prochain");
        phrase(y, 1, "l\u2019an prochain");
        phrase(d, -1, "ayer");
        phrase(d, -2, "anteayer");
        phrase(d, 0, "hoy");
        phrase(d, 1, "mañana"); // not after "la", "esta", "por": then it is the morning
        phrase(d, 2, "pasado mañana");
        phrase(m, -1, "mes pasado");
        phrase(m, 0, "este mes");
        phrase(m, 1, "próximo mes");
        phrase(m, 1, "mes que viene");
        phrase(y, -1, "año pasado");
        phrase(y, 0, "este año");
        phrase(y, 1, "próximo año");
        phrase(y, 1, "año que viene");
    }

    /** Words after which an ambiguous month name (May, March) or a bare year (2019) is a date. */
    static final Set<String> CONTEXT = words(
            "in", "since", "until", "till", "by", "from", "during", "before", "after", "through", "throughout",
            "early", "late", "mid", "around", "last", "next", "this", "between", "each", "every",
            "im", "seit", "bis", "ab", "vom", "zum", "anfang", "ende", "mitte", "letzten", "vergangenen",
            "nächsten", "kommenden", "en", "depuis", "dès", "jusqu'en", "jusqu\u2019en", "début", "fin", "mi",
            "desde", "hasta", "durante", "antes", "después");

    /** Lower-case function words that may precede a date but never a surname ("On May 5", "The April 2020 vote"). */
    static final Set<String> BEFORE_DATE = words("on", "the", "at", "of", "for", "a", "an", "to", "and", "or", "as",
            "am", "le", "el", "la", "de", "du", "des", "del", "vom", "zum", "seit", "ab");

    /** Words before "of" / "de" that make the following month or year a date ("end of May"). */
    static final Set<String> OF_CONTEXT = words(
            "end", "beginning", "start", "middle", "month", "spring", "summer", "autumn", "fall", "winter",
            "fin", "début", "mois", "finales", "principios", "mediados", "mes", "primavera", "verano", "otoño",
            "invierno", "printemps", "été", "automne", "hiver", "year", "année", "año", "ides");

    /** Season words that make a following year a date ("summer 2024"). */
    static final Set<String> SEASONS = words("spring", "summer", "autumn", "fall", "winter", "year",
            "jahr", "frühjahr", "frühling", "sommer", "herbst", "winter", "printemps", "été", "automne", "hiver",
            "primavera", "verano", "otoño", "invierno", "fiscal", "année", "año");

    /** Words that join a second month or year to a first ("March and April", "from 2010 to 2015"). */
    static final Set<String> JOINERS = words("and", "or", "to", "through", "-", "\u2013", "und", "bis", "et",
            "au", "à", "y", "a", "o", "ou", "oder");

    /** Nouns that make a 4-digit number a count, not a year ("in 2000 homes"). */
    static final Set<String> COUNTED = words(
            "people", "persons", "cases", "homes", "houses", "votes", "units", "troops", "soldiers", "jobs",
            "euros", "dollars", "pounds", "yen", "tonnes", "tons", "km", "kilometres", "kilometers", "miles",
            "metres", "meters", "feet", "hectares", "acres", "students", "patients", "deaths", "residents",
            "workers", "children", "families", "households", "members", "shares", "points", "words", "pages",
            "square", "sq", "percent", "per", "cent", "employees", "staff", "passengers", "vehicles", "cars",
            "flights", "refugees", "migrants", "civilians", "prisoners", "hostages", "beds", "rooms", "seats",
            "calories", "kg", "mw", "gw", "mph", "rpm", "barrels", "bpd", "personen", "menschen", "euro",
            "personnes", "habitants", "personas");

    /** Nouns that make "the 2019 ..." a year: events and publications named by their year. */
    static final Set<String> YEAR_NOUNS = words("election", "elections", "olympics", "games", "season", "budget",
            "census", "campaign", "vote", "referendum", "midterms", "midterm", "attack", "attacks", "war",
            "summit", "championship", "championships", "tournament", "crisis", "earthquake", "quake", "flood",
            "floods", "report", "survey", "race", "coup", "uprising", "invasion", "protests", "riots", "edition",
            "law", "act", "agreement", "deal", "accord", "treaty", "contest", "final", "finals", "cup",
            "pandemic", "outbreak", "film", "album", "novel", "study", "ruling", "decision", "visit", "trip",
            "tour", "season's", "wahl", "wahlen", "élection", "élections", "elecciones");

    /** Modifiers before a weekday, with the direction they force. */
    static final Map<String, Integer> WEEKDAY_BEFORE = Map.ofEntries(
            Map.entry("last", -1), Map.entry("past", -1), Map.entry("next", 1), Map.entry("coming", 1),
            Map.entry("this", 0), Map.entry("letzten", -1), Map.entry("vergangenen", -1),
            Map.entry("nächsten", 1), Map.entry("kommenden", 1), Map.entry("diesen", 0),
            Map.entry("pasado", -1), Map.entry("próximo", 1), Map.entry("este", 0));

    /** Modifiers after a weekday (French, Spanish), with the direction they force. */
    static final Map<String, Integer> WEEKDAY_AFTER = Map.of(
            "dernier", -1, "prochain", 1, "pasado", -1, "próximo", 1, "last", -1);

    /** Capitalised words that make the following weekday a named day, not a date (Black Friday). */
    static final Set<String> NAMED_DAYS = words("good", "black", "cyber", "super", "ash", "bloody", "easter",
            "palm", "holy", "maundy", "giving", "shrove", "blue", "small", "manic", "casual", "throwback",
            "mail", "independent", "fat");

    static final Set<String> FUTURE_CUES = words("will", "shall", "won't", "won\u2019t", "wo",
            "scheduled", "due", "upcoming", "expected", "planned", "would",
            "wird", "werden", "soll", "sollen", "will", "va", "vont", "sera", "seront", "prévu", "prévue",
            "será", "serán", "van", "prevé", "previsto", "prevista");

    static final Set<String> PAST_CUES = words("said", "was", "were", "had", "did", "told", "went", "came",
            "took", "made", "met", "held", "gave", "saw", "began", "won", "lost", "left", "found", "died",
            "killed", "fell", "rose", "hit", "struck", "broke", "became", "sent", "spoke", "wrote", "ago",
            "sagte", "hatte", "war", "waren", "wurde", "wurden", "était", "étaient", "fue", "fueron", "dijo",
            "murió", "había");

    /** Words before "mañana" that make it "morning". */
    static final Set<String> MORNING_BEFORE = words("la", "esta", "por", "una", "cada", "toda", "de", "en");

    static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("einem", 1), Map.entry("einen", 1),
            Map.entry("zwei", 2), Map.entry("drei", 3), Map.entry("un", 1), Map.entry("une", 1),
            Map.entry("deux", 2), Map.entry("trois", 3), Map.entry("uno", 1), Map.entry("dos", 2),
            Map.entry("tres", 3));

    /** Unit words of "N days/months/years ago" in the four languages. */
    static final Map<String, Unit> AGO_UNITS = Map.ofEntries(
            Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY), Map.entry("month", Unit.MONTH),
            Map.entry("months", Unit.MONTH), Map.entry("year", Unit.YEAR), Map.entry("years", Unit.YEAR),
            Map.entry("tag", Unit.DAY), Map.entry("tagen", Unit.DAY), Map.entry("monat", Unit.MONTH),
            Map.entry("monaten", Unit.MONTH), Map.entry("jahr", Unit.YEAR), Map.entry("jahren", Unit.YEAR),
            Map.entry("jour", Unit.DAY), Map.entry("jours", Unit.DAY), Map.entry("mois", Unit.MONTH),
            Map.entry("an", Unit.YEAR), Map.entry("ans", Unit.YEAR), Map.entry("día", Unit.DAY),
            Map.entry("días", Unit.DAY), Map.entry("mes", Unit.MONTH), Map.entry("meses", Unit.MONTH),
            Map.entry("año", Unit.YEAR), Map.entry("años", Unit.YEAR));

    /** Every word a date expression can start with, other than numbers and "mid-": a fast pre-filter. */
    static final Set<String> STARTERS;

    static {
        java.util.Set<String> starters = new java.util.HashSet<>();
        starters.addAll(MONTHS.keySet());
        starters.addAll(WEEKDAYS.keySet());
        starters.addAll(WEEKDAY_BEFORE.keySet());
        starters.addAll(PHRASES.keySet());
        starters.addAll(NUMBER_WORDS.keySet());
        starters.addAll(List.of("vor", "hace", "il"));
        STARTERS = Set.copyOf(starters);
    }

    private DateWords() {
    }

    /** A set from a list that may repeat a word shared by two languages. */
    private static Set<String> words(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    private static void month(Case letterCase, int month, Strength strength, String... names) {
        for (String name : names) {
            MONTHS.put(name, new MonthName(month, strength, letterCase));
        }
    }

    private static void weekday(Case letterCase, String english, String... names) {
        DayOfWeek day = DayOfWeek.valueOf(english.toUpperCase(java.util.Locale.ROOT));
        if (letterCase == Case.CAPITALISED) {
            WEEKDAYS.put(english, new WeekdayName(day, letterCase));
        }
        for (String name : names) {
            WEEKDAYS.put(name, new WeekdayName(day, letterCase));
        }
    }

    private static void phrase(Unit unit, int delta, String text) {
        List<String> words = List.of(text.split(" "));
        PHRASES.computeIfAbsent(words.get(0), k -> new java.util.ArrayList<>()).add(new Phrase(words, unit, delta));
    }
}
