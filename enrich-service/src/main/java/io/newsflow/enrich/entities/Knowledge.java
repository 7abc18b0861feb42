package io.newsflow.enrich.entities;

import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Well-known entities with stable ids, matched by alias as token sequences.
 *
 * <p>Hand-curated ({@code knowledge.tsv}) rather than taken from a knowledge base: nothing
 * suitable is packaged on a registry with a permissive licence, and a few hundred entries cover
 * most of what news names again and again (leaders, countries, international bodies, big
 * companies). Countries and capitals come from {@code countries.tsv}, derived from MIT-licensed
 * npm packages. Readable slugs ({@code person/volodymyr-zelenskyy}, {@code country/US}) serve as
 * ids so that analysts can read them and they stay stable across releases.
 *
 * <p>Aliases match case-sensitively ("US" but not "us") after {@link #fold folding}, which removes
 * accents and unifies the transliterations of Slavic endings, so "Zelenskiy", "Zelenskyi" and
 * "Zelensky" are one key. An alias claimed by two entries is dropped: a wrong id is worse than
 * none.
 */
final class Knowledge {

    /** One entity of the knowledge file. */
    record Entry(String id, EntityType type, String canonicalName, List<String> aliases) {
    }

    /** A trie node over folded tokens. */
    static final class Node {
        final Map<String, Node> next = new HashMap<>(4);
        Entry entry;
        /** The alias starts with "the", which must precede the match but is not part of it. */
        boolean needsThe;
        boolean conflict;
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Node root = new Node();
    private final List<String> conflicts = new ArrayList<>();
    private final Map<String, Entry> byId;

    private Knowledge(Map<String, Entry> byId) {
        this.byId = byId;
        for (Entry e : byId.values()) {
            add(e.canonicalName(), e);
            for (String a : e.aliases()) {
                add(a, e);
            }
        }
    }

    static Knowledge load() {
        Map<String, String[]> rows = new LinkedHashMap<>();
        Map<String, Set<String>> aliases = new LinkedHashMap<>();
        List<String> countryLines = Resources.lines("countries.tsv");
        Set<String> countryNames = new java.util.HashSet<>();
        for (String line : countryLines) {
            String[] f = line.split("\t", -1);
            countryNames.add(f[1]);
            countryNames.addAll(split(f.length > 2 ? f[2] : ""));
        }
        for (String line : countryLines) {
            String[] f = line.split("\t", -1);
            if (f.length < 4) {
                throw new IllegalStateException("countries.tsv: bad line " + line);
            }
            String id = "country/" + f[0];
            rows.put(id, new String[] {id, "LOCATION", f[1]});
            aliases.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(split(f[2]));
            if (!f[3].isBlank() && !countryNames.contains(f[3])) { // Singapore is the country
                String cid = "city/" + slug(f[3]);
                rows.putIfAbsent(cid, new String[] {cid, "LOCATION", f[3]});
                aliases.computeIfAbsent(cid, k -> new LinkedHashSet<>());
            }
        }
        for (String line : Resources.lines("knowledge.tsv")) {
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                throw new IllegalStateException("knowledge.tsv: bad line " + line);
            }
            EntityType.valueOf(f[1]);
            String[] old = rows.get(f[0]);
            if (old != null && !old[1].equals(f[1])) {
                throw new IllegalStateException("knowledge.tsv: " + f[0] + " has two types");
            }
            Set<String> as = aliases.computeIfAbsent(f[0], k -> new LinkedHashSet<>());
            if (old != null && !old[2].equals(f[2])) {
                as.add(old[2]); // the curated name wins, the derived one stays an alias
            }
            rows.put(f[0], new String[] {f[0], f[1], f[2]});
            if (f.length > 3) {
                as.addAll(split(f[3]));
            }
        }
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (String[] r : rows.values()) {
            Set<String> as = aliases.getOrDefault(r[0], Set.of());
            as.remove(r[2]);
            byId.put(r[0], new Entry(r[0], EntityType.valueOf(r[1]), r[2], List.copyOf(as)));
        }
        return new Knowledge(Map.copyOf(byId));
    }

    Entry byId(String id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }

    /** Aliases dropped because two entries claim them; the data should have none. */
    List<String> conflicts() {
        return List.copyOf(conflicts);
    }

    Node root() {
        return root;
    }

    private void add(String alias, Entry e) {
        List<Token> tokens = TextAnalysis.of(alias).tokens();
        boolean the = !tokens.isEmpty() && tokens.get(0).lower().equals("the") && tokens.size() > 1;
        Node n = root;
        for (int i = the ? 1 : 0; i < tokens.size(); i++) {
            n = n.next.computeIfAbsent(fold(tokens.get(i).text()), k -> new Node());
        }
        if (n == root) {
            return;
        }
        if (n.entry != null && n.entry != e) {
            conflicts.add(alias + " (" + n.entry.id() + ", " + e.id() + ")");
            n.conflict = true;
            n.entry = null;
        } else if (!n.conflict) {
            n.entry = e;
            n.needsThe = the;
        }
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String a : s.split("\\|")) {
            if (!a.isBlank()) {
                out.add(a.strip());
            }
        }
        return out;
    }

    /**
     * The matching key of a word: accents removed, typographic apostrophe made plain, and the
     * Slavic endings -iy/-yy/-yi/-ii/-i after a consonant written as -y (words of five letters or
     * more), which is how English, German and Ukrainian-style transliterations of one name differ.
     */
    static String fold(String word) {
        String s = word;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").replace('\u2019', '\'');
                break;
            }
        }
        int n = s.length();
        if (n >= 5 && Character.isLowerCase(s.charAt(n - 1))) {
            char a = s.charAt(n - 2);
            char b = s.charAt(n - 1);
            if ((a == 'i' || a == 'y') && (b == 'i' || b == 'y')) {
                return s.substring(0, n - 2) + 'y';
            }
            if (b == 'i' && "bcdfghjklmnpqrstvwxz".indexOf(a) >= 0) {
                return s.substring(0, n - 1) + 'y';
            }
        }
        return s;
    }

    /** Lower-case ASCII slug for ids: "Washington D.C." becomes "washington-dc". */
    static String slug(String name) {
        String s = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT).replace(".", "").replace("'", "").replace("\u2019", "");
        return s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
