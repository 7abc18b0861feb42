package io.newsflow.enrich.entities;

import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The article-level merge: one entity per real-world name. Surnames and acronyms are resolved
 * only within the article (a bare "Johnson" means whoever the article introduced), while the
 * knowledge ids make the same person one entity across articles.
 */
final class Resolution {

    /** Class of a lone unknown capitalised word with no cue at all. */
    private static final EntityType FALLBACK = EntityType.PERSON;
    /** Evidence at which a name is a person whatever its context says (a given name, a title). */
    private static final double NAMED_PERSON = 0.8;
    private static final Set<String> NOT_INITIALS = Set.of("of", "the", "and", "for", "on", "de", "du", "des",
            "la", "le", "der", "von", "van", "&");

    private static final class Group {
        final String key;
        Knowledge.Entry entry;
        final List<Mention> mentions = new ArrayList<>();
        final Map<EntityType, Double> votes = new EnumMap<>(EntityType.class);
        double best;
        double any;
        double bestPerson;
        int orgCues;
        int teamCues;
        int scoreCues;

        Group(String key) {
            this.key = key;
        }

        void add(Mention m) {
            mentions.add(m);
            any = Math.max(any, m.score());
            if (m.entry() != null) {
                entry = m.entry();
            }
            if (m.type() != null) {
                votes.merge(m.type(), m.score(), Double::sum);
                best = Math.max(best, m.score());
                if (m.type() == EntityType.PERSON) {
                    bestPerson = Math.max(bestPerson, m.score());
                }
            }
            if (m.context() == Mention.ORG_CUE) {
                orgCues++;
            } else if (m.context() == Mention.TEAM_CUE) {
                teamCues++;
            } else if (m.context() == Mention.SCORE_CUE) {
                scoreCues++;
            }
        }

        /**
         * A name given a score ("Belgium 3-0 Panama") is a team, a place's name or not, unless it
         * is named as a person; a place or a name of no class that a sports story has beating,
         * facing or scoring against ("England beat Tunisia") is a team too, while a player doing the
         * same keeps being a person. A name the article calls a company or a body ("shares of X")
         * is an organisation unless it is known otherwise or named as a person ("Jane Doe").
         */
        EntityType type() {
            boolean namedPerson = bestPerson >= NAMED_PERSON;
            if (scoreCues > 0 && (entry != null ? entry.type() == EntityType.LOCATION : !namedPerson)) {
                return EntityType.ORGANIZATION;
            }
            if (teamCues > 0 && (entry != null ? entry.type() == EntityType.LOCATION : bestPerson == 0)) {
                return EntityType.ORGANIZATION;
            }
            if (entry != null) {
                return entry.type();
            }
            if (orgCues > 0 && !namedPerson) {
                return EntityType.ORGANIZATION;
            }
            EntityType t = null;
            double v = 0;
            for (Map.Entry<EntityType, Double> e : votes.entrySet()) {
                if (e.getValue() > v) {
                    v = e.getValue();
                    t = e.getKey();
                }
            }
            return t;
        }
    }

    private final Knowledge knowledge;
    private final Lexicon.Language lex;
    private final TextAnalysis analysis;
    private final String text;
    private final List<Mention> found;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** Single-word keys that stand for a group: surnames, acronyms, one-word names. */
    private final Map<String, String> shortForms = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    /** Given names of the article's people: a lone "Guido" after "Guido Pella" is him. */
    private final Map<String, String> givenNames = new HashMap<>();
    private final Set<String> ambiguousGiven = new HashSet<>();

    Resolution(Knowledge knowledge, Lexicon.Language lex, TextAnalysis analysis, List<Mention> found) {
        this.knowledge = knowledge;
        this.lex = lex;
        this.analysis = analysis;
        this.text = analysis.text();
        this.found = found;
    }

    List<Entity> entities() {
        // 1. people with a full name lend their surname (and two-word surnames) to the article
        for (Mention m : found) {
            if (m.words() >= 2 && isPerson(m)) {
                String[] parts = m.key().split(" ");
                shortForm(parts[parts.length - 1], groupKey(m));
                String old = givenNames.putIfAbsent(parts[0], groupKey(m));
                if (old != null && !old.equals(groupKey(m))) {
                    ambiguousGiven.add(parts[0]);
                }
                if (parts.length >= 3) {
                    shortForm(parts[parts.length - 2] + " " + parts[parts.length - 1], groupKey(m));
                }
            }
        }
        // 2. "the International Energy Agency (IEA)": the bracketed acronym names the same thing
        for (Mention m : found) {
            if (m.words() >= 2) {
                String acronym = bracketedAcronym(m.end());
                if (acronym != null) {
                    shortForm(Knowledge.fold(acronym), groupKey(m));
                } else if (m.entry() == null && m.type() != EntityType.PERSON) {
                    String initials = initials(m);
                    if (initials != null) {
                        shortForm(initials, groupKey(m));
                    }
                }
            }
        }
        for (String k : ambiguous) {
            shortForms.remove(k);
            String pick = mostMentioned(k);
            if (pick != null) {
                shortForms.put(k, pick);
            }
        }
        givenNames.keySet().removeAll(ambiguousGiven);
        for (Mention m : found) {
            place(m);
        }
        // 3. one-word names of this article found where the sentence rules skipped them
        // ("Brown said" at a sentence start, "Mohib" in a Title Case headline)
        for (Group g : List.copyOf(groups.values())) {
            if (g.type() != null || g.entry != null) {
                for (Mention m : g.mentions) {
                    if (m.words() == 1 && !shortForms.containsKey(m.key()) && !ambiguous.contains(m.key())) {
                        shortForms.put(m.key(), g.key);
                    }
                }
            }
        }
        rescan();
        georgia();
        return build();
    }

    /** Of the people sharing a surname, the one the article names in full most often. */
    private String mostMentioned(String surname) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Mention m : found) {
            if (m.words() >= 2 && isPerson(m) && m.key().endsWith(" " + surname)) {
                counts.merge(groupKey(m), 1, Integer::sum);
            }
        }
        String best = null;
        int max = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > max) {
                max = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }

    private boolean isPerson(Mention m) {
        return m.entry() != null ? m.entry().type() == EntityType.PERSON : m.type() == EntityType.PERSON;
    }

    private void shortForm(String k, String group) {
        String old = shortForms.putIfAbsent(k, group);
        if (old != null && !old.equals(group)) {
            ambiguous.add(k);
        }
    }

    private static String groupKey(Mention m) {
        return m.entry() != null ? "id:" + m.entry().id() : "k:" + m.key();
    }

    private void place(Mention m) {
        String gk = groupKey(m);
        Mention mm = m;
        if (m.entry() == null && !groups.containsKey(gk)) {
            String target = shortForms.get(m.key());
            if (target == null && m.words() == 1) {
                target = givenNames.get(m.key());
            }
            if (target != null && !target.equals(gk)) {
                gk = target;
                Group g = groups.get(target);
                if (g != null && g.type() != null) {
                    mm = m.with(g.type(), Math.max(0.6, m.score()));
                }
            }
        } else if (m.entry() != null && m.words() == 1 && m.entry().type() != EntityType.PERSON) {
            // "Jordan" after "Michael Jordan" is the person, not the country
            String target = shortForms.get(m.key());
            if (target != null && target.startsWith("k:") && groups.containsKey(target)
                    && groups.get(target).type() == EntityType.PERSON) {
                gk = target;
                mm = new Mention(m.start(), m.end(), m.key(), 1, EntityType.PERSON, 0.6, null);
            }
        }
        groups.computeIfAbsent(gk, Group::new).add(mm);
    }

    private String bracketedAcronym(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '(') {
            return null;
        }
        int close = text.indexOf(')', i);
        if (close < 0 || close - i > 12 || close - i < 3) {
            return null;
        }
        String a = text.substring(i + 1, close);
        int upper = 0;
        for (int k = 0; k < a.length(); k++) {
            char c = a.charAt(k);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (!Character.isLowerCase(c) && c != '.' && c != '&' && !Character.isDigit(c)) {
                return null;
            }
        }
        return upper >= 2 && Character.isUpperCase(a.charAt(0)) ? a : null;
    }

    private String initials(Mention m) {
        StringBuilder b = new StringBuilder();
        int i = m.start();
        while (i < m.end()) {
            while (i < m.end() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '-')) {
                i++;
            }
            int w = i;
            while (i < m.end() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '-') {
                i++;
            }
            if (i > w && Character.isUpperCase(text.charAt(w)) && !NOT_INITIALS.contains(text.substring(w, i))) {
                b.append(text.charAt(w));
            }
        }
        return b.length() >= 2 ? b.toString() : null;
    }

    private void rescan() {
        List<int[]> spans = new ArrayList<>();
        for (Group g : groups.values()) {
            for (Mention m : g.mentions) {
                spans.add(new int[] {m.start(), m.end()});
            }
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        int si = 0;
        for (Token t : analysis.tokens()) {
            if (!t.word() || !Character.isUpperCase(t.text().charAt(0))) {
                continue;
            }
            while (si < spans.size() && spans.get(si)[1] <= t.start()) {
                si++;
            }
            if (si < spans.size() && spans.get(si)[0] < t.end()) {
                continue;
            }
            String s = t.text();
            int e = t.end();
            if (s.length() > 2 && (s.endsWith("'s") || s.endsWith("\u2019s"))) {
                s = s.substring(0, s.length() - 2);
                e -= 2;
            }
            String k = Knowledge.fold(s);
            String target = shortForms.get(k);
            if (target == null || Cues.NEVER.contains(s.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Group g = groups.get(target);
            if (g == null) {
                continue;
            }
            EntityType type = g.type();
            g.add(new Mention(t.start(), e, k, 1, type, 0.5, null));
        }
    }

    /**
     * Georgia the US state in a story about Atlanta or other US places, the country otherwise. The
     * places enricher weighs this with its gazetteer; the entity id must not contradict it.
     */
    private void georgia() {
        Group country = groups.get("id:country/GE");
        if (country == null) {
            return;
        }
        int us = 0;
        int caucasus = 0;
        for (String k : groups.keySet()) {
            if (k.startsWith("id:us-state/") || k.equals("id:city/atlanta") || k.equals("id:city/washington-dc")
                    || k.equals("id:country/US") || k.equals("id:nationality/US")) {
                us++;
            } else if (k.equals("id:city/tbilisi") || k.equals("id:country/RU") || k.equals("id:region/caucasus")
                    || k.equals("id:country/AM") || k.equals("id:country/AZ") || k.equals("id:nationality/GE")
                    || k.equals("id:country/UA") || k.equals("id:city/moscow") || k.equals("id:region/europe")) {
                caucasus++;
            }
        }
        Knowledge.Entry state = knowledge.byId("us-state/georgia");
        if (us > caucasus && state != null) {
            country.entry = state;
        }
    }

    private static boolean isUpper(String s) {
        return s.equals(s.toUpperCase(Locale.ROOT)) && !s.equals(s.toLowerCase(Locale.ROOT));
    }

    private List<Entity> build() {
        List<Entity> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            EntityType type = g.type();
            double confidence;
            if (type == null && g.any < 0.2) {
                continue; // only ever a capitalised word opening a sentence
            }
            if (type == null) {
                type = lex.firstName(g.key.substring(2)) ? EntityType.PERSON : FALLBACK;
                confidence = 0.3;
            } else {
                confidence = g.best;
            }
            g.mentions.sort(Comparator.comparingInt(Mention::start));
            List<Span> offsets = new ArrayList<>(g.mentions.size());
            String longest = null;
            Set<String> forms = new LinkedHashSet<>();
            for (Mention m : g.mentions) {
                offsets.add(new Span(m.start(), m.end()));
                String surface = text.substring(m.start(), m.end());
                forms.add(surface);
                if (longest == null || surface.length() > longest.length()
                        || surface.length() == longest.length() && isUpper(longest) && !isUpper(surface)) {
                    longest = surface;
                }
            }
            Knowledge.Entry entry = g.entry != null && g.entry.type() == type ? g.entry : null; // a team is not its city
            String canonical = entry != null ? entry.canonicalName() : longest;
            if (entry != null) {
                forms.addAll(entry.aliases());
            }
            forms.remove(canonical);
            confidence = Math.min(0.99, confidence + 0.02 * (offsets.size() - 1));
            out.add(new Entity(type, longest, canonical, List.copyOf(forms), entry == null ? null : entry.id(),
                    offsets.size(), offsets, Math.round(confidence * 100) / 100.0));
        }
        out.sort(Comparator.comparingInt(Entity::mentions).reversed()
                .thenComparingInt(e -> e.offsets().get(0).start()));
        return out;
    }
}
