package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleEnriched;
import java.util.ArrayList;
import java.util.List;

/**
 * Caps on how much one enriched record lists, so that what enrichment emits stays proportionate
 * to what anyone reads or indexes: an entity-dense text of a few megabytes would otherwise list
 * hundreds of thousands of offsets and date mentions and make a record several times the
 * broker's limit. Counts ({@code mentions}) stay exact; only the lists are cut, keeping their
 * first (most relevant or earliest) items, and the record is flagged {@value #FLAG}. Real
 * articles are far below every cap. One instance per record: it remembers whether it cut.
 */
final class OutputBounds {

    static final String FLAG = "output-bounded";
    static final int MAX_ENTITIES = 500;
    static final int MAX_OFFSETS_PER_ENTITY = 100;
    static final int MAX_ALIASES_PER_ENTITY = 20;
    static final int MAX_PLACES = 200;
    static final int MAX_DATES = 200;
    static final int MAX_QUOTES = 200;

    private boolean cut;

    /** Whether anything was cut. */
    boolean cut() {
        return cut;
    }

    List<ArticleEnriched.Entity> entities(List<ArticleEnriched.Entity> all) {
        List<ArticleEnriched.Entity> entities = new ArrayList<>(Math.min(all.size(), MAX_ENTITIES));
        for (ArticleEnriched.Entity entity : first(all, MAX_ENTITIES)) {
            if (entity.offsets().size() > MAX_OFFSETS_PER_ENTITY || entity.aliases().size() > MAX_ALIASES_PER_ENTITY) {
                entity = new ArticleEnriched.Entity(entity.type(), entity.text(), entity.canonicalName(),
                        first(entity.aliases(), MAX_ALIASES_PER_ENTITY), entity.id(), entity.mentions(),
                        first(entity.offsets(), MAX_OFFSETS_PER_ENTITY), entity.confidence());
            }
            entities.add(entity);
        }
        return entities;
    }

    List<ArticleEnriched.Place> places(List<ArticleEnriched.Place> all) {
        return first(all, MAX_PLACES);
    }

    List<ArticleEnriched.DateMention> dates(List<ArticleEnriched.DateMention> all) {
        return first(all, MAX_DATES);
    }

    List<ArticleEnriched.Quote> quotes(List<ArticleEnriched.Quote> all) {
        return first(all, MAX_QUOTES);
    }

    private <T> List<T> first(List<T> list, int max) {
        if (list.size() <= max) {
            return list;
        }
        cut = true;
        return List.copyOf(list.subList(0, max));
    }
}
