package io.newsflow.newsroom.hostile;

import io.newsflow.newsroom.search.NewsQuery;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Makes the newsroom fuzzing's requests ({@code NewsroomFuzzIT}) from a seeded
 * {@link RandomGenerator}, from what the search API documents:
 * <ul>
 * <li>{@link #search}: a search within the documented bounds (words in several scripts with the
 *     search syntax, up to ten values of each filter, a range of days or instants, an order, a
 *     page size, a cursor the service gave out);
 * <li>{@link #mutation}: one change that puts one parameter outside its bounds (too long, too
 *     many, a control or bidi character, blank, not a code, a year out of range, a size out of
 *     range or not a number, an unknown or repeated parameter), or outside what only the service
 *     can check (a forged cursor, a cursor of the other order, a range backwards);
 * <li>{@link #hostileQuery}: any query string at all (known, odd and random names, any code
 *     points, numbers, dates, long values, broken percent-encoding), with its parameters as
 *     Tomcat decodes them;
 * <li>{@link #pathId}: an article id for a path (indexed, well-formed, anything encoded, odd);
 * <li>{@link #instant} and {@link #date}: dates and instants (offsets, fractions) in the years
 *     {@value NewsQuery#MIN_YEAR} to {@value NewsQuery#MAX_YEAR}.
 * </ul>
 * Numbers and lengths lean now and then to the ends of their ranges and, for wide ranges, to
 * small values, so that the bounds themselves are tried. Deterministic: the same generator state
 * makes the same value (no shrinking; the seed reproduces a failure).
 */
public final class QueryFuzzer {

    /** The filters, each repeatable up to {@link NewsQuery#MAX_VALUES} times. */
    public static final List<String> FACETS = List.of("person", "org", "place", "topic", "source", "country",
            "language", "tone", "story");
    /** Within the search syntax: letters of several scripts, operators, quotes, white space, joiners and marks. */
    private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyz ABCMLS\"()|+-*~\\/:!?{}[]^&'\t\n\r"
            + "\u0416\u0430\u00e9\u00df\u0645\u06cc\u200c\u200d\u200e\u200f\ufeff\u00a0\u3000" + range('\u4e00', '\u4e10');
    private static final String NAME_CHARS = "abcxyzKLM .'-\u0416\u00e9\u0645\u200c";
    private static final String HEX = "0123456789abcdef";
    private static final String ALPHA = range('a', 'z') + range('A', 'Z');
    private static final String ALPHANUMERIC = ALPHA + range('0', '9');
    private static final List<String> PEOPLE = List.of("Keir Starmer", "Alexander Lukashenka", "Emmanuel Macron");
    private static final List<String> TONES = List.of("negative", "neutral", "positive");
    /** Never in a filter value, nor (but tab and line breaks) in the words: C0, DEL, C1, bidi overrides and isolates. */
    private static final char[][] CONTROLS = {{'\u0000', '\u0008'}, {'\u000b', '\u000c'}, {'\u000e', '\u001f'},
            {'\u007f', '\u009f'}, {'\u202a', '\u202e'}, {'\u2066', '\u2069'}};
    /** Characters that trip parsers, decoders and displays, mixed into "any" text now and then. */
    private static final List<String> ODD_CHARS = List.of("\u0000", "\t", "\n", "\r", " ", "%", "&", "=", "+", "#",
            "?", "/", "\\", "\"", "'", "<", ">", ";", "\u0085", "\u00a0", "\u00e9", "\u0416", "\u0301", "\u200b",
            "\u200d", "\u2028", "\u202e", "\u2066", "\u3000", "\ufeff", "\ufffd", "\ud83d\ude00", "\ud834\udd1e");
    /** Lone surrogates: only in "all" text (UTF-8 cannot carry them; the encoder writes "?"). */
    private static final List<String> LONE_SURROGATES = List.of("\ud800", "\udbff", "\udc00", "\udfff");
    private static final List<String> ODD_NAMES = List.of("since", "Q", "q[]", "page", "", " q", "q ", "size\u0000",
            "%71");
    private static final List<String> BROKEN_ENCODINGS = List.of("%", "%z", "%zz", "%F", "%FF", "%C0%AF", "%ED%A0%80",
            "%F4%90%80%80", "%E2%82", "%%", "%g0");
    private static final List<String> ODD_IDS = List.of("..", ".", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%00", "%5C",
            "%FF", "%C0%AF", "-1", "1e400", "0x1F", "null", "undefined", "%24%7Bjndi%7D", "a;b=c", "%3B", "%25", "%2F");
    private static final List<String> FORGED_CURSORS = List.of("[null,\"a\"]", "[\"x\",\"a\"]", "[1.5,\"a\"]",
            "[0,0,0]", "[1]", "[[1],\"a\"]", "{\"a\":1}", "[1,\"" + "a".repeat(101) + "\"]",
            "[18446744073709551616,\"a\"]", "\"x\"", "[]");
    private static final long FIRST_DAY = LocalDate.of(NewsQuery.MIN_YEAR, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(NewsQuery.MAX_YEAR, 12, 31).toEpochDay();
    private static final long FIRST_SECOND = LocalDate.of(NewsQuery.MIN_YEAR, 1, 2).atStartOfDay(ZoneOffset.UTC)
            .toEpochSecond();
    private static final long LAST_SECOND = LocalDate.of(NewsQuery.MAX_YEAR, 12, 30).atStartOfDay(ZoneOffset.UTC)
            .toEpochSecond();
    private static final BigInteger TEN_TO_30 = BigInteger.TEN.pow(30);

    private final List<String> articleIds;
    private final String newestCursor;
    private final String relevantCursor;
    private final Set<String> searchNames;
    private final List<Function<RandomGenerator, Mutation>> mutations = new ArrayList<>();

    /**
     * @param articleIds     the ids of the indexed articles
     * @param newestCursor   a cursor the service gave out for a search newest first
     * @param relevantCursor a cursor it gave out for a search by relevance
     * @param searchNames    the parameters the document lists for {@code /search} (an unknown one is none of them)
     */
    public QueryFuzzer(List<String> articleIds, String newestCursor, String relevantCursor, Set<String> searchNames) {
        this.articleIds = List.copyOf(articleIds);
        this.newestCursor = newestCursor;
        this.relevantCursor = relevantCursor;
        this.searchNames = Set.copyOf(searchNames);
        if (this.articleIds.isEmpty()) {
            throw new IllegalArgumentException("no articles");
        }
        addMutations();
    }

    // ---- within the documented bounds

    /** A search within the documented bounds of {@code /search} (and {@code /search/new} without its since). */
    public List<Map.Entry<String, String>> search(RandomGenerator random) {
        while (true) {
            List<Map.Entry<String, String>> query = new ArrayList<>();
            if (random.nextInt(10) >= 3) {
                query.add(Map.entry("q", words(random)));
            }
            query.addAll(repeated(random, "person", () -> random.nextBoolean() ? pick(random, PEOPLE) : name(random)));
            query.addAll(repeated(random, "country", () -> string(random, 2, 2, "ABCFGRYbfgry")));
            query.addAll(switch (random.nextInt(7)) {
                case 0 -> repeated(random, "org", () -> name(random));
                case 1 -> repeated(random, "place", () -> name(random));
                case 2 -> repeated(random, "topic", () -> name(random));
                case 3 -> repeated(random, "source", () -> name(random));
                case 4 -> repeated(random, "language", () -> string(random, 2, 3, range('a', 'z')));
                case 5 -> repeated(random, "tone", () -> pick(random, TONES));
                default -> repeated(random, "story", () -> string(random, 32, 32, HEX));
            });
            query.addAll(dateRange(random));
            query.addAll(order(random));
            if (encode(query).length() < 6_000) { // Tomcat's request line ends at 8 KB
                return query;
            }
        }
    }

    /** None, {@code from}, {@code to}, or both in order (never the same instant twice). */
    private List<Map.Entry<String, String>> dateRange(RandomGenerator random) {
        String a = date(random);
        String b = date(random);
        int which = random.nextInt(4);
        List<Map.Entry<String, String>> dates = new ArrayList<>();
        boolean ordered = instantOf(a).isBefore(instantOf(b));
        if (which == 1 || which == 3) {
            dates.add(Map.entry("from", ordered || which == 1 ? a : b));
        }
        if (which == 2 || which == 3) {
            dates.add(Map.entry("to", ordered || which == 2 ? b : a));
        }
        if (which == 3 && instantOf(a).equals(instantOf(b))) {
            dates.remove(1);
        }
        return dates;
    }

    /** A sort (or none), a page size (perhaps with leading zeros), and perhaps a cursor of that order. */
    private List<Map.Entry<String, String>> order(RandomGenerator random) {
        int sort = random.nextInt(3);
        int size = between(random, NewsQuery.MIN_SIZE, NewsQuery.MAX_SIZE);
        boolean cursor = random.nextBoolean();
        String zeros = pick(random, List.of("", "0", "00"));
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (sort > 0) {
            entries.add(Map.entry("sort", sort == 1 ? "newest" : "relevance"));
        }
        entries.add(Map.entry("size", zeros + size));
        if (cursor) {
            entries.add(Map.entry("after", sort == 2 ? relevantCursor : newestCursor));
        }
        return entries;
    }

    /** Words in the search syntax, 0-120 characters (now and then the longest search), AND and OR spaced as operators. */
    private static String words(RandomGenerator random) {
        while (true) {
            String words = random.nextInt(40) == 0 ? "x".repeat(NewsQuery.MAX_TEXT)
                    : string(random, 0, 120, WORD_CHARS).replace("OR", " OR ").replace("AND", " AND ");
            if (words.codePointCount(0, words.length()) <= NewsQuery.MAX_TEXT) {
                return words;
            }
        }
    }

    /** A name as a filter value: 1-198 characters, not only spaces, no control or bidi characters, now and then an emoji. */
    private static String name(RandomGenerator random) {
        while (true) {
            String name = string(random, 1, NewsQuery.MAX_VALUE_LENGTH - 2, NAME_CHARS);
            if (random.nextInt(5) == 0) {
                name += "\ud83d\ude00"; // a character beyond the BMP
            }
            if (!name.isBlank()) {
                return name;
            }
        }
    }

    /** 0 to {@link NewsQuery#MAX_VALUES} values of one filter. */
    private static List<Map.Entry<String, String>> repeated(RandomGenerator random, String name,
            Supplier<String> values) {
        int count = length(random, 0, NewsQuery.MAX_VALUES);
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(Map.entry(name, values.get()));
        }
        return entries;
    }

    /** A day or an instant in the years {@value NewsQuery#MIN_YEAR} to {@value NewsQuery#MAX_YEAR}. */
    public String date(RandomGenerator random) {
        return random.nextBoolean() ? LocalDate.ofEpochDay(between(random, FIRST_DAY, LAST_DAY)).toString()
                : instant(random);
    }

    /** An instant (Z or an offset up to +18:00, whole seconds or fractions) in the years allowed. */
    public String instant(RandomGenerator random) {
        long seconds = between(random, FIRST_SECOND, LAST_SECOND);
        int nanos = (int) between(random, 0, 999_999_999);
        String offset = pick(random, List.of("Z", "+02:00", "-05:30", "+18:00"));
        Instant instant = Instant.ofEpochSecond(seconds, nanos % 3 == 0 ? 0 : nanos);
        return offset.equals("Z") ? instant.toString()
                : instant.atOffset(ZoneOffset.of(offset)).toString().replaceFirst("(T\\d\\d:\\d\\d)([+-])", "$1:00$2");
    }

    // ---- one value out of bounds

    /**
     * One change that puts one parameter outside its bounds.
     *
     * @param semantic outside what only the service can check (the document cannot say it)
     */
    public record Mutation(String parameter, String description, boolean semantic,
            Function<List<Map.Entry<String, String>>, List<Map.Entry<String, String>>> change) {

        public List<Map.Entry<String, String>> apply(List<Map.Entry<String, String>> query) {
            return change.apply(query);
        }

        @Override
        public String toString() {
            return parameter + ": " + HostileCorpus.printable(description);
        }
    }

    /** One of the kinds of change below, each as likely. */
    public Mutation mutation(RandomGenerator random) {
        return mutations.get(random.nextInt(mutations.size())).apply(random);
    }

    private void addMutations() {
        mutations.add(r -> {
            int n = between(r, NewsQuery.MAX_TEXT + 1, NewsQuery.MAX_TEXT + 300);
            return replace("q", "a".repeat(n), n + " characters");
        });
        mutations.add(r -> {
            String c = control(r);
            String s = string(r, 0, 20, ALPHA);
            return replace("q", s + c + s, "a control or bidi character");
        });
        for (String facet : FACETS) {
            mutations.add(r -> repeat(facet, between(r, NewsQuery.MAX_VALUES + 1, NewsQuery.MAX_VALUES + 10)));
            mutations.add(r -> {
                int n = between(r, NewsQuery.MAX_VALUE_LENGTH + 1, NewsQuery.MAX_VALUE_LENGTH + 200);
                return add(facet, "b".repeat(n), n + " characters");
            });
            mutations.add(r -> add(facet, "x" + control(r), "a control or bidi character"));
            mutations.add(r -> add(facet, pick(r, List.of("", " ", "   ")), "blank"));
        }
        mutations.add(r -> add("country", string(r, 1, 5, ALPHANUMERIC, s -> s.length() != 2), "not two letters"));
        mutations.add(r -> add("language", string(r, 1, 6, range('A', 'Z')), "not a lower-case code"));
        mutations.add(r -> add("tone", string(r, 1, 10, ALPHA, s -> !TONES.contains(s)), "not a tone"));
        mutations.add(r -> add("story", string(r, 1, 40, "0123456789abcdefABCDEFg-", s -> !s.matches("[0-9a-f]{32}")),
                "not a story id"));
        for (String date : List.of("from", "to")) {
            mutations.add(r -> {
                String year = badYear(r);
                return replace(date, year + pick(r, List.of("-01-01", "-12-31", "-06-15T10:00:00Z")), "year " + year);
            });
            mutations.add(r -> {
                String value = pick(r, List.of("yesterday", "1714557600", "2024-5-1", "2024-05-01T10:00Z",
                        "2024-05-01 10:00:00", "2024-05-01T10:00:00", "2024-13-01", "2024-05-32"));
                return replace(date, value, value);
            });
        }
        mutations.add(r -> {
            String value = switch (r.nextInt(3)) {
                case 0 -> String.valueOf(biased(r, Integer.MIN_VALUE, NewsQuery.MIN_SIZE - 1));
                case 1 -> String.valueOf(biased(r, NewsQuery.MAX_SIZE + 1, Integer.MAX_VALUE));
                default -> pick(r, List.of("99999999999999999999", "1e1", "0x10", "+5", "\u0665", "5 ", " 5", "5.0",
                        "NaN"));
            };
            return replace("size", value, value);
        });
        mutations.add(r -> {
            String value = string(r, 1, 12, ALPHA, s -> !s.equals("newest") && !s.equals("relevance"));
            return replace("sort", value, value);
        });
        mutations.add(r -> {
            String value = pick(r, List.of("NEWEST", "Relevance", "newest "));
            return replace("sort", value, value);
        });
        mutations.add(r -> replace("after", "W1" + string(r, 1, 10, "+/=!.~ %"), "not base64url"));
        mutations.add(r -> {
            int n = between(r, NewsQuery.MAX_CURSOR + 1, NewsQuery.MAX_CURSOR + 100);
            return replace("after", "A".repeat(n), n + " characters");
        });
        mutations.add(r -> {
            String name = string(r, 1, 12, ALPHANUMERIC, n -> !searchNames.contains(n));
            return new Mutation(name, "an unknown parameter", false, query -> with(query, Map.entry(name, "1")));
        });
        mutations.add(r -> {
            String name = pick(r, List.of("q", "sort", "size", "from", "to", "after"));
            return new Mutation(name, "given twice", false, query -> {
                List<Map.Entry<String, String>> changed = without(query, name);
                String value = switch (name) {
                    case "sort" -> "newest";
                    case "size" -> "5";
                    case "from", "to" -> "2024-05-01";
                    case "after" -> newestCursor;
                    default -> "x";
                };
                changed.add(Map.entry(name, value));
                changed.add(Map.entry(name, value));
                if (name.equals("after")) {
                    changed = without(changed, "sort");
                }
                return changed;
            });
        });
        // what only the service can tell: a forged cursor, a cursor of the other order, a range backwards
        mutations.add(r -> {
            String json = pick(r, FORGED_CURSORS);
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            return new Mutation("after", "forged " + json, true,
                    query -> with(without(without(query, "after"), "sort"), Map.entry("after", forged)));
        });
        mutations.add(r -> new Mutation("after", "a relevance cursor, newest first", true,
                query -> with(without(without(query, "after"), "sort"), Map.entry("after", relevantCursor))));
        mutations.add(r -> {
            String day = date(r);
            return new Mutation("to", "to = from = " + day, true, query -> {
                List<Map.Entry<String, String>> changed = without(without(query, "from"), "to");
                changed.add(Map.entry("from", day));
                changed.add(Map.entry("to", day.contains("T") ? day : LocalDate.parse(day).minusDays(1).toString()));
                return changed;
            });
        });
    }

    /** A year outside {@value NewsQuery#MIN_YEAR}-{@value NewsQuery#MAX_YEAR}: too early, too late, signed, huge. */
    private static String badYear(RandomGenerator random) {
        return switch (random.nextInt(5)) {
            case 0 -> String.format(Locale.ROOT, "%04d", between(random, 0, NewsQuery.MIN_YEAR - 1));
            case 1 -> String.valueOf(between(random, NewsQuery.MAX_YEAR + 1, 9999));
            case 2 -> "+" + biased(random, 10_000, 999_999_999);
            case 3 -> "-" + String.format(Locale.ROOT, "%04d", biased(random, 1, 999_999_999));
            default -> pick(random, List.of("+1000000000", "-1000000000"));
        };
    }

    private static String control(RandomGenerator random) {
        char[] range = CONTROLS[random.nextInt(CONTROLS.length)];
        return String.valueOf((char) between(random, range[0], range[1]));
    }

    private static Mutation replace(String parameter, String value, String description) {
        return new Mutation(parameter, description, false, query -> with(without(query, parameter),
                Map.entry(parameter, value)));
    }

    /** The value added to the filter's (instead of them, when that would be one too many). */
    private static Mutation add(String parameter, String value, String description) {
        return new Mutation(parameter, description, false, query -> {
            List<Map.Entry<String, String>> changed = with(query, Map.entry(parameter, value));
            long count = changed.stream().filter(e -> e.getKey().equals(parameter)).count();
            return count > NewsQuery.MAX_VALUES ? with(without(query, parameter), Map.entry(parameter, value)) : changed;
        });
    }

    private static Mutation repeat(String parameter, int times) {
        return new Mutation(parameter, times + " values", false, query -> {
            List<Map.Entry<String, String>> changed = without(query, parameter);
            String value = switch (parameter) {
                case "country" -> "GB";
                case "language" -> "en";
                case "tone" -> "neutral";
                case "story" -> "0".repeat(32);
                default -> "x";
            };
            for (int i = 0; i < times; i++) {
                changed.add(Map.entry(parameter, value));
            }
            return changed;
        });
    }

    // ---- anything

    /** A raw query string, and its parameters as Tomcat decodes them (null when it cannot). */
    public record HostileQuery(String raw, List<Map.Entry<String, String>> decoded) {

        @Override
        public String toString() {
            return HostileCorpus.printable(raw);
        }
    }

    /** 0-14 pairs of any name and any value, some without a value, a name or valid percent-encoding. */
    public HostileQuery hostileQuery(RandomGenerator random) {
        while (true) {
            int count = length(random, 0, 14);
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = hostileName(random);
                String value = hostileValue(random);
                String broken = pick(random, BROKEN_ENCODINGS);
                pairs.add(switch (random.nextInt(20)) {
                    case 0 -> encode(name);
                    case 1 -> encode(name) + "=" + encode(value) + broken;
                    case 2 -> broken + "=" + encode(value);
                    default -> encode(name) + "=" + encode(value);
                });
            }
            String raw = String.join("&", pairs);
            if (raw.length() < 7_000) {
                return new HostileQuery(raw, decode(raw));
            }
        }
    }

    private static String hostileName(RandomGenerator random) {
        return switch (random.nextInt(3)) {
            case 0 -> pick(random, List.copyOf(new LinkedHashSet<>(NewsQuery.SEARCH_PARAMETERS)));
            case 1 -> pick(random, ODD_NAMES);
            default -> any(random, 1, 8, false);
        };
    }

    private String hostileValue(RandomGenerator random) {
        return switch (random.nextInt(7)) {
            case 0 -> any(random, 0, 40, false);
            case 1 -> any(random, 0, 20, true);
            case 2 -> String.valueOf(biased(random, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case 3 -> bigInteger(random).toString();
            case 4 -> date(random);
            case 5 -> pick(random, List.of("", "newest", "relevance", "GB", "en", "negative", "0".repeat(32),
                    "+999999999-12-31", "-1000000000-01-01T00:00:00Z", "0000-01-01", newestCursor, relevantCursor));
            default -> "x".repeat(between(random, 0, 3_000));
        };
    }

    /** An integer of up to 31 digits, either sign, now and then ±10^30. */
    private static BigInteger bigInteger(RandomGenerator random) {
        if (random.nextInt(20) == 0) {
            return random.nextBoolean() ? TEN_TO_30 : TEN_TO_30.negate();
        }
        BigInteger value = new BigInteger(string(random, 1, 30, "0123456789"));
        return random.nextBoolean() ? value.negate() : value;
    }

    /** An id for {@code /articles/{id}}: indexed, well-formed, hex of any length, anything encoded, odd, near an indexed one. */
    public String pathId(RandomGenerator random) {
        return switch (random.nextInt(7)) {
            case 0 -> pick(random, articleIds);
            case 1 -> string(random, 32, 32, HEX);
            case 2 -> string(random, 0, 40, "0123456789abcdefABCDEF");
            case 3 -> encodePath(any(random, 1, 40, false));
            case 4 -> pick(random, ODD_IDS);
            case 5 -> pick(random, articleIds).toUpperCase(Locale.ROOT);
            default -> pick(random, articleIds) + "%20";
        };
    }

    // ---- encoding and decoding

    /** The query as percent-encoded UTF-8 pairs. */
    public static String encode(List<Map.Entry<String, String>> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach(e -> pairs.add(encode(e.getKey()) + "=" + encode(e.getValue())));
        return String.join("&", pairs);
    }

    /** Percent-encoded UTF-8 (a lone surrogate, which UTF-8 cannot carry, becomes "?"). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String value) {
        return encode(value).replace("*", "%2A");
    }

    /** The parameters as Tomcat reads them, or null where it cannot (broken encoding, a value without a name). */
    public static List<Map.Entry<String, String>> decode(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeOrNull(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeOrNull(pair.substring(equals + 1));
            if (name == null || value == null || name.isEmpty() && equals >= 0) {
                return null;
            }
            if (!name.isEmpty()) {
                pairs.add(Map.entry(name, value));
            }
        }
        return pairs.size() > 1000 ? null : pairs;
    }

    /** Strict percent-decoding of UTF-8 ({@code +} as a space), or null. */
    public static String decodeOrNull(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---- the query as a list of pairs

    public static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> query,
            Map.Entry<String, String> entry) {
        List<Map.Entry<String, String>> changed = new ArrayList<>(query);
        changed.add(entry);
        return changed;
    }

    public static List<Map.Entry<String, String>> without(List<Map.Entry<String, String>> query, String name) {
        return new ArrayList<>(query.stream().filter(e -> !e.getKey().equals(name)).toList());
    }

    private static Instant instantOf(String date) {
        return date.contains("T") ? OffsetDateTime.parse(date).toInstant()
                : LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    // ---- primitives

    private static <T> T pick(RandomGenerator random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** From {@code min} to {@code max} (both included), each end one time in twenty. */
    private static int between(RandomGenerator random, int min, int max) {
        return (int) between(random, (long) min, (long) max);
    }

    private static long between(RandomGenerator random, long min, long max) {
        return switch (random.nextInt(20)) {
            case 0 -> min;
            case 1 -> max;
            default -> random.nextLong(min, max + 1);
        };
    }

    /**
     * For a wide range: an end one time in ten, a value within 100 of the one nearest zero
     * (-1, 0, 1 when the range holds them) four times in ten, otherwise anything in it.
     */
    private static long biased(RandomGenerator random, long min, long max) {
        int choice = random.nextInt(10);
        if (choice == 0) {
            return random.nextBoolean() ? min : max;
        }
        if (choice <= 4) {
            long target = Math.max(min, Math.min(max, 0));
            long value = target + (random.nextBoolean() ? 1 : -1) * random.nextLong(101);
            return Math.max(min, Math.min(max, value));
        }
        return random.nextLong(min, max + 1);
    }

    /**
     * A length or a count: the shortest one time in ten, the longest one time in twenty,
     * otherwise any, leaning to the short (so that a search with several filters still finds
     * something now and then).
     */
    private static int length(RandomGenerator random, int min, int max) {
        int choice = random.nextInt(20);
        if (choice < 2) {
            return min;
        }
        if (choice == 2) {
            return max;
        }
        double lean = random.nextDouble();
        return min + (int) Math.min(max - min, Math.floor((max - min + 1) * lean * lean));
    }

    private static String string(RandomGenerator random, int min, int max, String alphabet) {
        int length = length(random, min, max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String string(RandomGenerator random, int min, int max, String alphabet,
            Predicate<String> accepted) {
        while (true) {
            String value = string(random, min, max, alphabet);
            if (accepted.test(value)) {
                return value;
            }
        }
    }

    /**
     * Any text, {@code min} to {@code max} chars: mostly any char of the Basic Multilingual Plane
     * (without private use and noncharacters unless {@code all}), ASCII (controls included) and
     * characters that trip parsers; with {@code all}, lone surrogates too.
     */
    private static String any(RandomGenerator random, int min, int max, boolean all) {
        int length = length(random, min, max);
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int choice = random.nextInt(20);
            if (choice < 8) {
                out.append(bmp(random, all));
            } else if (choice < 14) {
                out.append((char) random.nextInt(0x80));
            } else if (choice < 19 || !all) {
                String odd = pick(random, ODD_CHARS);
                if (out.length() + odd.length() <= Math.max(length, min)) {
                    out.append(odd);
                } else {
                    out.append((char) random.nextInt(0x20, 0x7f));
                }
            } else {
                out.append(pick(random, LONE_SURROGATES));
            }
        }
        return out.toString();
    }

    private static char bmp(RandomGenerator random, boolean all) {
        while (true) {
            char c = (char) random.nextInt(0x10000);
            boolean surrogate = Character.isSurrogate(c);
            boolean privateUse = c >= '\ue000' && c <= '\uf8ff';
            boolean noncharacter = c >= '\ufdd0' && c <= '\ufdef' || c >= '\ufffe';
            if (all || !surrogate && !privateUse && !noncharacter) {
                return c;
            }
        }
    }

    private static String range(char first, char last) {
        StringBuilder out = new StringBuilder();
        for (char c = first; c <= last; c++) {
            out.append(c);
        }
        return out.toString();
    }
}
