package io.newsflow.newsroom.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewsQueryTest {

    @Test
    void readsTheUrlsParametersIntoAQuery() {
        NewsQuery query = NewsQuery.from(Map.of("q", List.of("  Lukashenka  "), "person", List.of("Alexander Lukashenka"),
                "country", List.of("by", "PL"), "from", List.of("2024-05-01"), "to", List.of("2024-05-03"),
                "sort", List.of("relevance"), "size", List.of("5")));

        assertThat(query.text()).isEqualTo("Lukashenka");
        assertThat(query.filters()).containsEntry(Facet.PEOPLE, List.of("Alexander Lukashenka"))
                .containsEntry(Facet.COUNTRIES, List.of("BY", "PL"));
        assertThat(query.from()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(query.to()).as("a 'to' date includes that day").isEqualTo(Instant.parse("2024-05-04T00:00:00Z"));
        assertThat(query.sort()).isEqualTo(NewsQuery.Sort.RELEVANCE);
        assertThat(query.size()).isEqualTo(5);
    }

    @Test
    void nothingMeansEverythingNewestFirst() {
        assertThat(NewsQuery.from(Map.of())).isEqualTo(NewsQuery.everything());
        assertThat(NewsQuery.from(Map.of("q", List.of(""), "size", List.of("")))).isEqualTo(NewsQuery.everything());
    }

    @Test
    void everyBrokenBoundIsNamedAtOnce() {
        assertThatThrownBy(() -> NewsQuery.from(Map.of("q", List.of("x".repeat(501)), "size", List.of("51"),
                "country", List.of("Belarus"), "tone", List.of("angry"), "language", List.of("English"),
                "sort", List.of("oldest"), "from", List.of("2024-13-01"), "person", List.of("a\u0000b"),
                "after", List.of("%%%"), "page", List.of("2"))))
                .isInstanceOfSatisfying(NewsQuery.InvalidQueryException.class, e -> assertThat(e.errors())
                        .extracting(NewsQuery.Invalid::parameter).containsExactlyInAnyOrder("q", "size", "country",
                                "tone", "language", "sort", "from", "person", "after", "page"));
    }

    @Test
    void repeatsAndRangesAreBounded() {
        assertThatThrownBy(() -> NewsQuery.from(Map.of("person", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i",
                "j", "k")))).isInstanceOf(NewsQuery.InvalidQueryException.class);
        assertThatThrownBy(() -> NewsQuery.from(Map.of("q", List.of("a", "b"))))
                .isInstanceOf(NewsQuery.InvalidQueryException.class);
        assertThatThrownBy(() -> NewsQuery.from(Map.of("from", List.of("2024-05-03"), "to", List.of("2024-05-01"))))
                .isInstanceOfSatisfying(NewsQuery.InvalidQueryException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("to"));
        assertThatThrownBy(() -> NewsQuery.from(Map.of("size", List.of("0"))))
                .isInstanceOf(NewsQuery.InvalidQueryException.class);
    }

    @Test
    void aCursorRoundTripsAndAForgedOneIsRefused() {
        String cursor = Cursor.encode(java.util.Arrays.<Object>asList(1714554000000L, 0.5, "abc"));
        assertThat(Cursor.decode(cursor)).containsExactly(1714554000000L, 0.5, "abc");
        assertThat(Cursor.decode(Cursor.encode(java.util.Arrays.<Object>asList(null, "abc"))))
                .as("a missing date sorts as null").containsExactly(null, "abc");
        assertThat(NewsQuery.from(Map.of("after", List.of(cursor))).after()).isEqualTo(cursor);
        assertThat(Cursor.decode("not base64!")).isNull();
        assertThat(Cursor.decode(Cursor.encode(List.<Object>of(List.of(1))))).as("nested values").isNull();
        assertThat(Cursor.decode(Cursor.encode(List.<Object>of(1, 2, 3, 4)))).as("too many values").isNull();
    }
}
