package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.ArticleAlert;
import io.newsflow.contracts.ArticleEnriched;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.monitor.HighlightsMatch;

/**
 * The passages of an alert: for each text field the words were found in (title first), the
 * stretch of text around the first hit, with every hit inside it located. At most
 * {@value #MAX_HIGHLIGHTS} passages of about {@value #WINDOW} characters, cut at spaces.
 */
final class Highlights {

    static final int MAX_HIGHLIGHTS = 3;
    static final int WINDOW = 240;
    private static final int BEFORE = 60;

    private Highlights() {
    }

    static List<ArticleAlert.Highlight> of(ArticleEnriched article, HighlightsMatch match) {
        List<ArticleAlert.Highlight> highlights = new ArrayList<>(MAX_HIGHLIGHTS);
        for (String field : ArticleDocuments.TEXT_FIELDS) {
            Collection<HighlightsMatch.Hit> hits = match.getHits(field);
            String text = text(article, field);
            if (hits.isEmpty() || text == null || highlights.size() == MAX_HIGHLIGHTS) {
                continue;
            }
            List<ArticleEnriched.Span> spans = offsets(text, hits);
            if (!spans.isEmpty()) {
                highlights.add(passage(field, text, spans));
            }
        }
        return highlights;
    }

    /**
     * Where the hits are in the text: the monitor matches each article in a {@code MemoryIndex}
     * that records offsets, so every hit already knows its characters. Overlapping hits (a word
     * that is also part of a matched phrase) are merged.
     */
    private static List<ArticleEnriched.Span> offsets(String text, Collection<HighlightsMatch.Hit> hits) {
        List<ArticleEnriched.Span> sorted = new ArrayList<>(hits.size());
        for (HighlightsMatch.Hit hit : hits) {
            if (hit.startOffset >= 0 && hit.endOffset <= text.length() && hit.startOffset < hit.endOffset) {
                sorted.add(new ArticleEnriched.Span(hit.startOffset, hit.endOffset));
            }
        }
        sorted.sort(Comparator.comparingInt(ArticleEnriched.Span::start));
        List<ArticleEnriched.Span> merged = new ArrayList<>(sorted.size());
        for (ArticleEnriched.Span span : sorted) {
            ArticleEnriched.Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start() < last.end()) {
                merged.set(merged.size() - 1, new ArticleEnriched.Span(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static ArticleAlert.Highlight passage(String field, String text, List<ArticleEnriched.Span> hits) {
        ArticleEnriched.Span firstHit = hits.get(0);
        int start = firstHit.start() <= BEFORE ? 0 : wordStart(text, firstHit.start() - BEFORE);
        int end = Math.min(text.length(), start + WINDOW);
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            end = space > firstHit.end() ? space : Math.max(end, firstHit.end());
        }
        List<ArticleEnriched.Span> spans = new ArrayList<>();
        for (ArticleEnriched.Span hit : hits) {
            if (hit.start() >= start && hit.end() <= end) {
                spans.add(new ArticleEnriched.Span(hit.start() - start, hit.end() - start));
            }
        }
        return new ArticleAlert.Highlight(field, text.substring(start, end), spans);
    }

    /** The start of the word at or after {@code at}. */
    private static int wordStart(String text, int at) {
        int space = text.indexOf(' ', at);
        return space < 0 ? at : space + 1;
    }

    private static String text(ArticleEnriched article, String field) {
        return switch (field) {
            case ArticleDocuments.TITLE -> article.title();
            case ArticleDocuments.LEAD -> article.lead();
            case ArticleDocuments.SUMMARY -> article.summary();
            default -> article.body();
        };
    }
}
