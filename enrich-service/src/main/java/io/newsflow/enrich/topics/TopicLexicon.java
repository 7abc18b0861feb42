package io.newsflow.enrich.topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The weighted cue words of one language, read from {@code enrich/topics/cues.txt}: for each
 * normalised word its weight per topic, the phrases that start with it, and word prefixes.
 * Immutable after loading.
 */
final class TopicLexicon {

    /** A cue of two or more words: the words after the first, and its weights. */
    record Phrase(String[] rest, float[] weights) {
    }

    /** What one normalised word can start: its own weights (or null) and the phrases it begins. */
    record Entry(float[] weights, List<Phrase> phrases) {
    }

    private final String language;
    private final Map<String, Entry> words;
    private final Map<String, float[]> prefixes;
    private final int[] prefixLengths;

    private TopicLexicon(String language, Map<String, Entry> words, Map<String, float[]> prefixes) {
        this.language = language;
        this.words = words;
        this.prefixes = prefixes;
        TreeSet<Integer> lengths = new TreeSet<>();
        prefixes.keySet().forEach(p -> lengths.add(p.length()));
        this.prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    String language() {
        return language;
    }

    Entry word(String key) {
        return words.get(key);
    }

    boolean hasPrefixes() {
        return prefixLengths.length > 0;
    }

    /** Weights of the prefix cues the word starts with, added to {@code sink} via the callback. */
    void prefixesOf(String key, java.util.function.Consumer<float[]> sink) {
        for (int length : prefixLengths) {
            if (length > key.length()) {
                return;
            }
            float[] w = prefixes.get(key.substring(0, length));
            if (w != null) {
                sink.accept(w);
            }
        }
    }

    /**
     * The lower-case key a word is looked up by. English folds possessives and regular plurals
     * ("elections" and "election's" become "election") so the lexicon lists each noun once; the
     * other languages rely on prefix cues instead, because their plurals are not one rule.
     */
    static String key(String word, String language) {
        String w = word.toLowerCase(Locale.ROOT);
        if (!language.equals("en")) {
            return w;
        }
        int n = w.length();
        if (n > 3 && (w.endsWith("'s") || w.endsWith("\u2019s"))) {
            w = w.substring(0, n - 2);
            n -= 2;
        }
        if (n > 4 && w.endsWith("ies")) {
            return w.substring(0, n - 3) + "y";
        }
        if (n > 4 && w.endsWith("sses")) {
            return w.substring(0, n - 2);
        }
        if (n > 3 && w.charAt(n - 1) == 's' && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, n - 1);
        }
        return w;
    }

    /** Reads every language's lexicon; fails fast if the resource is missing or malformed. */
    static Map<String, TopicLexicon> load(String resource, Map<String, Integer> topicIndex) {
        int topics = topicIndex.size();
        Map<String, Map<String, float[]>> words = new LinkedHashMap<>();
        Map<String, Map<String, float[]>> phrases = new LinkedHashMap<>();
        Map<String, Map<String, float[]>> prefixes = new LinkedHashMap<>();
        try (InputStream in = TopicLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("topic cue lexicon missing from the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int topic = -1;
            int lineNo = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("@")) {
                    Integer index = topicIndex.get(l.substring(1).strip());
                    if (index == null) {
                        throw new IllegalStateException(resource + ":" + lineNo + ": unknown topic " + l);
                    }
                    topic = index;
                    continue;
                }
                String[] head = l.split("\\s+", 3);
                if (topic < 0 || head.length < 3) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected '<lang> <weight> <cues>'");
                }
                String lang = head[0];
                float weight = Float.parseFloat(head[1]);
                for (String raw : head[2].split(",")) {
                    String cue = raw.strip();
                    if (cue.isEmpty()) {
                        continue;
                    }
                    Map<String, Map<String, float[]>> target;
                    String normalised;
                    if (cue.endsWith("*")) {
                        target = prefixes;
                        normalised = cue.substring(0, cue.length() - 1).toLowerCase(Locale.ROOT);
                    } else {
                        StringBuilder sb = new StringBuilder();
                        for (String part : cue.split(" ")) {
                            sb.append(sb.isEmpty() ? "" : " ").append(key(part, lang));
                        }
                        normalised = sb.toString();
                        target = normalised.indexOf(' ') > 0 ? phrases : words;
                    }
                    float[] w = target.computeIfAbsent(lang, k -> new HashMap<>())
                            .computeIfAbsent(normalised, k -> new float[topics]);
                    // a cue listed twice for one topic (singular and plural) counts once, at its strongest
                    if (Math.abs(weight) > Math.abs(w[topic])) {
                        w[topic] = weight;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Map<String, TopicLexicon> out = new LinkedHashMap<>();
        for (String lang : words.keySet()) {
            Map<String, List<Phrase>> byFirst = new HashMap<>();
            phrases.getOrDefault(lang, Map.of()).forEach((text, w) -> {
                String[] parts = text.split(" ");
                String[] rest = java.util.Arrays.copyOfRange(parts, 1, parts.length);
                byFirst.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(new Phrase(rest, w));
            });
            Map<String, Entry> entries = new HashMap<>();
            words.get(lang).forEach((k, w) -> entries.put(k, new Entry(w, List.of())));
            byFirst.forEach((k, list) -> {
                Entry existing = entries.get(k);
                entries.put(k, new Entry(existing == null ? null : existing.weights(), List.copyOf(list)));
            });
            Map<String, float[]> langPrefixes = Map.copyOf(prefixes.getOrDefault(lang, Map.of()));
            out.put(lang, new TopicLexicon(lang, Map.copyOf(entries), langPrefixes));
        }
        return Map.copyOf(out);
    }
}
