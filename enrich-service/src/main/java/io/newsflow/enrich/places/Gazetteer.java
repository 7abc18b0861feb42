package io.newsflow.enrich.places;

import io.newsflow.enrich.data.DataFiles;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Countries, first-level regions and cities with every name they go by, keyed by a normalised form
 * of the name's tokens so that text can be matched token by token.
 *
 * <p>The data are the TSV files derived from GeoNames and the country packages by
 * {@code enrich-service/data/places/derive.mjs}; see the README there. Names are keyed by the
 * shared {@link TextAnalysis} tokenisation, folded to lower case without accents and without a
 * possessive {@code 's}, so "São Paulo", "Sao Paulo" and "SAO PAULO's" meet at one key, and the
 * text side needs nothing but the same per-token fold.
 */
final class Gazetteer {

    static final String RESOURCE_DIR = "/enrich/places/";

    /** One candidate meaning of a name. {@code demonym} for adjectives and nationals ("Ukrainian"). */
    record Sense(Entry entry, boolean demonym) {
    }

    /** What a name key stands for: senses, or a stop phrase hiding the place inside it. */
    record Names(List<Sense> senses, boolean stop) {
    }

    private final Map<String, Names> names;
    /** Every name key cut after each of its tokens: a scan stops extending a match that leads nowhere. */
    private final Set<String> prefixes;
    private final Map<String, List<Entry>> qualifiers;
    private final Map<String, Entry> countries;
    private final int maxTokens;
    private final int entryCount;

    private Gazetteer(Map<String, Names> names, Set<String> prefixes, Map<String, List<Entry>> qualifiers,
                      Map<String, Entry> countries, int maxTokens, int entryCount) {
        this.names = names;
        this.prefixes = prefixes;
        this.qualifiers = qualifiers;
        this.countries = countries;
        this.maxTokens = maxTokens;
        this.entryCount = entryCount;
    }

    /** Loads the gazetteer from the classpath; fails with the missing file's name. */
    static Gazetteer load() {
        Builder b = new Builder();
        read("countries.tsv", 9, f -> {
            Entry e = new Entry(f[0], f[1], Entry.Kind.COUNTRY, f[0], f[0], f[2], lat(f[3]), lon(f[4]),
                    Long.parseLong(f[5]), 0);
            b.countries.put(e.countryCode(), e);
            b.add(f[1], e, false);
            b.addAll(f[7], e, false);
            b.addAll(f[8], e, true);
            b.qualifier(f[1], e);
            b.qualifiers(f[7], e);
        });
        read("regions.tsv", 8, f -> {
            Entry country = b.countries.get(f[2]);
            if (country == null) {
                return;
            }
            Entry e = new Entry(f[0], f[1], Entry.Kind.REGION, f[2], f[0], country.continent(), lat(f[3]), lon(f[4]),
                    Long.parseLong(f[5]), 0);
            b.addAll(f[6], e, false);
            b.qualifiers(f[6], e);
            b.qualifiers(f[7], e);
        });
        int[] n = {0};
        read("cities.tsv", 8, f -> {
            Entry country = b.countries.get(f[1]);
            if (country == null) {
                return;
            }
            String flags = f[6];
            int bits = (flags.indexOf('C') >= 0 ? Entry.CAPITAL : 0)
                    | (flags.indexOf('A') >= 0 ? Entry.SEAT : 0)
                    | (flags.indexOf('W') >= 0 ? Entry.COMMON_WORD : 0)
                    | (flags.indexOf('P') >= 0 ? Entry.FIRST_NAME : 0);
            Entry e = new Entry("city:" + n[0]++, f[0], Entry.Kind.CITY, f[1], f[1] + "." + f[2], country.continent(),
                    lat(f[4]), lon(f[5]), Long.parseLong(f[3]), bits);
            b.add(f[0], e, false);
            b.addAll(f[7], e, false);
        });
        readLines("stop-phrases.txt", line -> b.stop(line.strip()));
        return b.build();
    }

    /** The senses of a key, or null. */
    Names lookup(String key) {
        return names.get(key);
    }

    /** True if some name starts with these tokens (or is them). */
    boolean isPrefix(String key) {
        return prefixes.contains(key);
    }

    /** Countries and regions a "City, X" qualifier can name, including forms such as "Ga." or "TX". */
    List<Entry> qualifier(String key) {
        return qualifiers.get(key);
    }

    Entry country(String code) {
        return countries.get(code);
    }

    int maxTokens() {
        return maxTokens;
    }

    int entryCount() {
        return entryCount;
    }

    /** The key of a whole name, as {@link #fold(Token)} over its tokens joined by single spaces. */
    static String key(String name) {
        if (isPlain(name)) {
            // words and single spaces only: the tokens are the words, no need to segment
            int space = name.indexOf(' ');
            if (space < 0) {
                return fold(name);
            }
            StringBuilder sb = new StringBuilder(name.length());
            int from = 0;
            while (space >= 0) {
                sb.append(fold(name.substring(from, space))).append(' ');
                from = space + 1;
                space = name.indexOf(' ', from);
            }
            return sb.append(fold(name.substring(from))).toString();
        }
        List<Token> tokens = TextAnalysis.of(name).tokens();
        StringBuilder sb = new StringBuilder(name.length());
        for (Token token : tokens) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(fold(token));
        }
        return sb.toString();
    }

    /** A token in lower case, without accents, typographic apostrophes or a possessive 's. */
    static String fold(Token token) {
        return fold(token.text());
    }

    private static boolean isPlain(String name) {
        int n = name.length();
        if (n == 0 || name.charAt(0) == ' ' || name.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == ' ') {
                if (name.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (Character.isSurrogate(c) || !Character.isLetterOrDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static String fold(String t) {
        boolean ascii = true;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) > 0x7F) {
                ascii = false;
                break;
            }
        }
        String s = t.toLowerCase(Locale.ROOT);
        if (!ascii) {
            s = stripMarks(s);
        }
        if (s.length() > 3 && s.endsWith("'s")) {
            s = s.substring(0, s.length() - 2);
        }
        return s;
    }

    /** Drops accents (combining marks after NFD) and makes typographic apostrophes plain. */
    private static String stripMarks(String s) {
        String d = Normalizer.isNormalized(s, Normalizer.Form.NFD) ? s : Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            sb.append(c == '\u2019' || c == '\u2018' ? '\'' : c);
        }
        return sb.toString();
    }

    private static double lat(String s) {
        double v = Double.parseDouble(s);
        if (v < -90 || v > 90) {
            throw new IllegalStateException("latitude out of range: " + s);
        }
        return v;
    }

    private static double lon(String s) {
        double v = Double.parseDouble(s);
        if (v < -180 || v > 180) {
            throw new IllegalStateException("longitude out of range: " + s);
        }
        return v;
    }

    private static void read(String file, int columns, Consumer<String[]> row) {
        readLines(file, line -> {
            String[] f = line.split("\t", -1);
            if (f.length < columns) {
                throw new IllegalStateException(file + ": expected " + columns + " columns in: " + line);
            }
            row.accept(f);
        });
    }

    private static void readLines(String file, Consumer<String> line) {
        DataFiles.lines(RESOURCE_DIR + file).forEach(line);
    }

    private static final class Builder {
        final Map<String, Entry> countries = new HashMap<>();
        final Map<String, List<Sense>> senses = new HashMap<>(1 << 16);
        final Map<String, List<Entry>> qualifiers = new HashMap<>(1 << 12);
        final Map<String, Boolean> stops = new HashMap<>();
        int entries;
        int maxTokens;

        void addAll(String bar, Entry e, boolean demonym) {
            if (!bar.isEmpty()) {
                for (String name : bar.split("\\|")) {
                    add(name, e, demonym);
                }
            }
        }

        void add(String name, Entry e, boolean demonym) {
            String key = key(name);
            if (key.isEmpty()) {
                return;
            }
            List<Sense> list = senses.computeIfAbsent(key, k -> new ArrayList<>(1));
            for (Sense s : list) {
                if (s.entry() == e) {
                    return; // "Kyiv" and "KYIV" are one name
                }
            }
            list.add(new Sense(e, demonym));
            maxTokens = Math.max(maxTokens, key.split(" ").length);
        }

        void qualifiers(String bar, Entry e) {
            if (!bar.isEmpty()) {
                for (String name : bar.split("\\|")) {
                    qualifier(name, e);
                }
            }
        }

        void qualifier(String name, Entry e) {
            List<Entry> list = qualifiers.computeIfAbsent(key(name), k -> new ArrayList<>(1));
            if (!list.contains(e)) {
                list.add(e);
            }
        }

        void stop(String phrase) {
            String key = key(phrase);
            stops.put(key, Boolean.TRUE);
            maxTokens = Math.max(maxTokens, key.split(" ").length);
        }

        Gazetteer build() {
            Map<String, Names> names = new HashMap<>(senses.size() * 2);
            Set<Entry> all = Collections.newSetFromMap(new IdentityHashMap<>());
            senses.forEach((k, v) -> {
                names.put(k, new Names(List.copyOf(v), false));
                v.forEach(s -> all.add(s.entry()));
            });
            stops.keySet().forEach(k -> names.put(k, new Names(List.of(), true)));
            Set<String> prefixes = new HashSet<>(names.size() * 3);
            for (String k : names.keySet()) {
                for (int sp = k.indexOf(' '); sp > 0; sp = k.indexOf(' ', sp + 1)) {
                    prefixes.add(k.substring(0, sp));
                }
                prefixes.add(k);
            }
            Map<String, List<Entry>> q = new HashMap<>(qualifiers.size() * 2);
            qualifiers.forEach((k, v) -> q.put(k, List.copyOf(v)));
            // HashMap rather than Map.copyOf: look-ups are the hot path and its hashing probes less
            return new Gazetteer(Collections.unmodifiableMap(names), Collections.unmodifiableSet(prefixes),
                    Collections.unmodifiableMap(q), Map.copyOf(countries), maxTokens, all.size());
        }
    }
}
