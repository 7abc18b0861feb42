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
 * articles are far below every cap.
 */
final class OutputBounds {

    static final String FLAG = "output-bounded";
    static final int MAX_ENTITIES = 500;
    static final int MAX_OFFSETS_PER_ENTITY = 100;
    static final int MAX_ALIASES_PER_ENTITY = 20;
    static final int MAX_PLACES = 200;
    static final int MAX_DATES = 200;

    private OutputBounds() {
    }

    /** Cuts the draft's lists to the caps; flags the draft if anything was cut. */
    static void apply(ArticleDraft draft) {
        boolean cut = false;
        if (draft.entities != null) {
            List<ArticleEnriched.Entity> entities = new ArrayList<>(Math.min(draft.entities.size(), MAX_ENTITIES));
            for (ArticleEnriched.Entity entity : first(draft.entities, MAX_ENTITIES)) {
                if (entity.offsets().size() > MAX_OFFSETS_PER_ENTITY || entity.aliases().size() > MAX_ALIASES_PER_ENTITY) {
                    entity = new ArticleEnriched.Entity(entity.type(), entity.text(), entity.canonicalName(),
                            first(entity.aliases(), MAX_ALIASES_PER_ENTITY), entity.id(), entity.mentions(),
                            first(entity.offsets(), MAX_OFFSETS_PER_ENTITY), entity.confidence());
                    cut = true;
                }
                entities.add(entity);
            }
            cut |= entities.size() < draft.entities.size();
            draft.entities = entities;
        }
        if (draft.places != null && draft.places.size() > MAX_PLACES) {
            draft.places = first(draft.places, MAX_PLACES);
            cut = true;
        }
        if (draft.dates != null && draft.dates.size() > MAX_DATES) {
            draft.dates = first(draft.dates, MAX_DATES);
            cut = true;
        }
        if (cut) {
            draft.flags.add(FLAG);
        }
    }

    private static <T> List<T> first(List<T> list, int max) {
        return list.size() <= max ? list : List.copyOf(list.subList(0, max));
    }
}
