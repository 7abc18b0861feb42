package io.newsflow.enrich.linking;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.DuplicateCorrection;
import io.newsflow.contracts.Story;
import java.util.List;

/**
 * What ties a poll's freshly enriched articles to the articles before them: copies marked with
 * {@code duplicateOf}, every article given its {@code story}. The one step of enrichment that
 * needs memory of earlier articles; it works on a whole poll so that its store is asked once per
 * poll, not once per article.
 */
@FunctionalInterface
public interface Linking {

    /**
     * The poll's articles, linked, in the same order; the stories they changed; and the articles
     * of earlier polls they turned out to be the original of.
     */
    Linked link(List<ArticleEnriched> articles);

    /**
     * Makes ready what the linking keeps its memory in (its indices), if that did not happen at
     * start-up because the store was not up yet; never fails (what it cannot do now happens before
     * the first poll's linking). The service calls it once its warm-up is over, just before its
     * consumers join: done by the first poll instead, it held up a fresh instance's first articles.
     */
    default void prepare() {
    }

    /**
     * Sends the store the requests that linking this poll would send to read, and none that
     * write: nothing is stored or changed. The service calls it at start-up, after {@link
     * #prepare}, on its warm-up's sample articles, before its consumers join. Why: on a fresh
     * stack the first polls' linking met these requests' code in this JVM and the store's search
     * paths cold (up to 2.2 s for a poll of a few articles), and those polls' articles waited
     * behind it; the enrichment warm-up itself links nothing, as it may store nothing. Never fails.
     *
     * @return whether the requests were sent (false: no store, or it could not be asked now, and
     *         another warm-up poll would not help)
     */
    default boolean warmUp(List<ArticleEnriched> poll) {
        return false;
    }

    /** The result of linking a poll. */
    record Linked(List<ArticleEnriched> articles, List<Story> stories, List<DuplicateCorrection> corrections) {
    }

    /** No memory: the articles as they are, no stories (offline enrichment, or no store configured). */
    static Linking none() {
        return articles -> new Linked(articles, List.of(), List.of());
    }
}
