package io.newsflow.enrich.entities;

import java.util.List;

/**
 * One entity of an article with all its mentions.
 *
 * @param type          CoNLL class
 * @param text          the most complete form as written in the article ("Joe Biden" even if most
 *                      mentions say "Biden")
 * @param canonicalName the knowledge file's name for known entities, otherwise {@code text}
 * @param aliases       other forms: those written in the article and, for known entities, the
 *                      knowledge file's aliases; never contains {@code canonicalName}
 * @param id            stable knowledge id such as {@code person/volodymyr-zelenskyy} or
 *                      {@code country/US}, or null for names found only by the rules
 * @param mentions      number of mentions, equal to {@code offsets.size()}
 * @param offsets       every mention, in text order, into {@code TextAnalysis.text()}
 * @param confidence    0..1; known entities and names with strong cues score high, a lone
 *                      capitalised word with no cue low
 */
public record Entity(EntityType type, String text, String canonicalName, List<String> aliases, String id,
        int mentions, List<Span> offsets, double confidence) {

    public Entity {
        aliases = List.copyOf(aliases);
        offsets = List.copyOf(offsets);
    }
}
