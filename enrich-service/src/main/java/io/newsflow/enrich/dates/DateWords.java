package io.newsflow.enrich.dates;

import io.newsflow.enrich.data.DataFiles;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The closed-class words dates are written with in English, German, French and Spanish: month and
 * weekday names, the words that make an ambiguous month name a month ("in May"), relative day words
 * and relative periods. The words are data files under {@code /enrich/dates/} (months, weekdays,
 * phrases, and word groups, each commented), read once with {@link DataFiles}; what they mean is
 * here and in {@link DateMentionFinder}. Adding a language is adding lines.
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

    private static final String DIR = "/enrich/dates/";

    static final Map<String, MonthName> MONTHS = new HashMap<>();
    static final Map<String, WeekdayName> WEEKDAYS = new HashMap<>();
    static final Map<String, List<Phrase>> PHRASES = new HashMap<>();

    static {
        for (String[] row : rows("months.tsv", 4)) {
            MONTHS.put(row[0], new MonthName(Integer.parseInt(row[1]), constant(Strength.class, row[2]),
                    constant(Case.class, row[3])));
        }
        for (String[] row : rows("weekdays.tsv", 3)) {
            WEEKDAYS.put(row[0], new WeekdayName(constant(DayOfWeek.class, row[1]), constant(Case.class, row[2])));
        }
        for (String[] row : rows("phrases.tsv", 3)) {
            List<String> words = List.of(row[0].split(" "));
            PHRASES.computeIfAbsent(words.get(0), k -> new ArrayList<>())
                    .add(new Phrase(words, constant(Unit.class, row[1]), Integer.parseInt(row[2])));
        }
    }

    private static final Map<String, Map<String, String>> GROUPS = groups();

    /** Words after which an ambiguous month name (May, March) or a bare year (2019) is a date. */
    static final Set<String> CONTEXT = words("context");

    /** Lower-case function words that may precede a date but never a surname ("On May 5"). */
    static final Set<String> BEFORE_DATE = words("before-date");

    /** Words before "of" / "de" that make the following month or year a date ("end of May"). */
    static final Set<String> OF_CONTEXT = words("of-context");

    /** Season words that make a following year a date ("summer 2024"). */
    static final Set<String> SEASONS = words("seasons");

    /** Words that join a second month or year to a first ("March and April", "from 2010 to 2015"). */
    static final Set<String> JOINERS = words("joiners");

    /** Nouns that make a 4-digit number a count, not a year ("in 2000 homes"). */
    static final Set<String> COUNTED = words("counted");

    /** Nouns that make "the 2019 ..." a year: events and publications named by their year. */
    static final Set<String> YEAR_NOUNS = words("year-nouns");

    /** Modifiers before a weekday, with the direction they force. */
    static final Map<String, Integer> WEEKDAY_BEFORE = numbers("weekday-before");

    /** Modifiers after a weekday (French, Spanish), with the direction they force. */
    static final Map<String, Integer> WEEKDAY_AFTER = numbers("weekday-after");

    /** Capitalised words that make the following weekday a named day, not a date (Black Friday). */
    static final Set<String> NAMED_DAYS = words("named-days");

    /** Words that put a weekday or date ahead of publication. */
    static final Set<String> FUTURE_CUES = words("future-cues");

    /** Words that put a weekday or date before publication. */
    static final Set<String> PAST_CUES = words("past-cues");

    /** Words before "mañana" that make it "morning". */
    static final Set<String> MORNING_BEFORE = words("morning-before");

    /** Number words of "two days ago", with their value. */
    static final Map<String, Integer> NUMBER_WORDS = numbers("number-words");

    /** Unit words of "N days/months/years ago" in the four languages. */
    static final Map<String, Unit> AGO_UNITS = units("ago-units");

    /** Every word a date expression can start with, other than numbers and "mid-": a fast pre-filter. */
    static final Set<String> STARTERS;

    static {
        Set<String> starters = new HashSet<>();
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

    /** The tab-separated rows of a file, each with {@code columns} fields. */
    private static List<String[]> rows(String file, int columns) {
        List<String[]> rows = new ArrayList<>();
        for (String line : DataFiles.lines(DIR + file)) {
            String[] row = line.split("\t");
            if (row.length != columns) {
                throw new IllegalStateException(DIR + file + ": expected " + columns + " fields in '" + line + "'");
            }
            rows.add(row);
        }
        return rows;
    }

    /** words.tsv: group, word and, for some groups, a value. */
    private static Map<String, Map<String, String>> groups() {
        Map<String, Map<String, String>> groups = new HashMap<>();
        for (String line : DataFiles.lines(DIR + "words.tsv")) {
            String[] row = line.split("\t");
            groups.computeIfAbsent(row[0], k -> new HashMap<>()).put(row[1], row.length > 2 ? row[2] : "");
        }
        return groups;
    }

    private static Map<String, String> group(String name) {
        Map<String, String> group = GROUPS.get(name);
        if (group == null) {
            throw new IllegalStateException(DIR + "words.tsv has no group " + name);
        }
        return group;
    }

    private static Set<String> words(String group) {
        return Set.copyOf(group(group).keySet());
    }

    private static Map<String, Integer> numbers(String group) {
        Map<String, Integer> numbers = new HashMap<>();
        group(group).forEach((word, value) -> numbers.put(word, Integer.parseInt(value)));
        return Map.copyOf(numbers);
    }

    private static Map<String, Unit> units(String group) {
        Map<String, Unit> units = new HashMap<>();
        group(group).forEach((word, value) -> units.put(word, constant(Unit.class, value)));
        return Map.copyOf(units);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    }
}
