package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.ArticleAlert;
import io.newsflow.contracts.ArticleEnriched;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
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

    static List<ArticleAlert.Highlight> of(ArticleEnriched article, HighlightsMatch match, Analyzer analyzer) {
        List<ArticleAlert.Highlight> highlights = new ArrayList<>(MAX_HIGHLIGHTS);
        for (String field : ArticleDocuments.TEXT_FIELDS) {
            Collection<HighlightsMatch.Hit> hits = match.getHits(field);
            String text = text(article, field);
            if (hits.isEmpty() || text == null || highlights.size() == MAX_HIGHLIGHTS) {
                continue;
            }
            List<ArticleEnriched.Span> spans = offsets(analyzer, field, text, hits);
            if (!spans.isEmpty()) {
                highlights.add(passage(field, text, spans));
            }
        }
        return highlights;
    }

    /**
     * Where the hits are in the text. The monitor's in-memory index records positions, not
     * offsets, so the text is analysed again, as far as the last hit, to turn one into the other.
     */
    private static List<ArticleEnriched.Span> offsets(Analyzer analyzer, String field, String text,
            Collection<HighlightsMatch.Hit> hits) {
        Map<Integer, Integer> ends = new HashMap<>(); // start position -> end position of each hit
        hits.forEach(hit -> ends.merge(hit.startPosition, hit.endPosition, Math::max));
        int last = ends.values().stream().max(Integer::compare).orElse(-1);
        Map<Integer, int[]> tokens = new HashMap<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            while (position < last && stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.put(position, new int[] {offset.startOffset(), offset.endOffset()});
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ArticleEnriched.Span> spans = new ArrayList<>();
        ends.forEach((start, end) -> {
            if (tokens.containsKey(start) && tokens.containsKey(end)) {
                spans.add(new ArticleEnriched.Span(tokens.get(start)[0], tokens.get(end)[1]));
            }
        });
        spans.sort(Comparator.comparingInt(ArticleEnriched.Span::start));
        return spans;
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
