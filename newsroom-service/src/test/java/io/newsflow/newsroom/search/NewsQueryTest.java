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
    void datesAreBoundedToTheYears1900To2200() {
        assertThat(NewsQuery.from(Map.of("from", List.of("1900-01-01"), "to", List.of("2200-12-31"))).to())
                .isEqualTo(Instant.parse("2201-01-01T00:00:00Z"));
        assertThat(NewsQuery.from(Map.of("from", List.of("2024-05-01T10:00:00.123456789+02:00"))).from())
                .isEqualTo(Instant.parse("2024-05-01T08:00:00.123456789Z"));
        for (String date : List.of("1899-12-31", "2201-01-01", "0000-01-01", "-0001-01-01", "+999999999-12-31",
                "+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "99999-01-01", "2024-02-30",
                "2024-05-01T24:00:00Z", "2024-05-01t10:00:00z", "2024-05-01T10:00Z", "2024-05-01T10:00:00+18:30",
                "2024-05-01 ", " 2024-05-01", "2024-05-01\u0000", "1714557600", "yesterday")) {
            assertThatThrownBy(() -> NewsQuery.from(Map.of("to", List.of(date)))).as(date)
                    .isInstanceOfSatisfying(NewsQuery.InvalidQueryException.class,
                            e -> assertThat(e.errors()).extracting(NewsQuery.Invalid::parameter).containsExactly("to"));
        }
    }

    @Test
    void sinceIsARequiredInstantOnlyForNewArticles() {
        NewsQuery.Since since = NewsQuery.since(Map.of("q", List.of("Minsk"), "since",
                List.of("2024-05-01T10:00:00Z")));
        assertThat(since.since()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(since.query().text()).isEqualTo("Minsk");
        for (Map<String, List<String>> parameters : List.of(Map.<String, List<String>>of(),
                Map.of("since", List.of("")), Map.of("since", List.of("2024-05-01")),
                Map.of("since", List.of("+1000000000-01-01T00:00:00Z")), Map.of("since", List.of("0000-01-01T00:00:00Z")),
                Map.of("since", List.of("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z")))) {
            assertThatThrownBy(() -> NewsQuery.since(parameters)).as(parameters.toString())
                    .isInstanceOfSatisfying(NewsQuery.InvalidQueryException.class, e -> assertThat(e.errors())
                            .extracting(NewsQuery.Invalid::parameter).containsExactly("since"));
        }
        assertThatThrownBy(() -> NewsQuery.from(Map.of("since", List.of("2024-05-01T10:00:00Z"))))
                .as("since is not a parameter of /search").isInstanceOf(NewsQuery.InvalidQueryException.class);
        assertThatThrownBy(() -> NewsQuery.since(Map.of("size", List.of("0"))))
                .as("every broken bound at once").isInstanceOfSatisfying(NewsQuery.InvalidQueryException.class,
                        e -> assertThat(e.errors()).extracting(NewsQuery.Invalid::parameter)
                                .containsExactlyInAnyOrder("size", "since"));
    }

    @Test
    void controlAndBidiCharactersAreRefusedJoinersAndMarksAreText() {
        for (String q : List.of("a\u0000b", "\u0001", "a\u001Cb", "\u007F", "\u0085", "\u009F", "\u202Eevil", "\u2066x\u2069")) {
            assertThatThrownBy(() -> NewsQuery.from(Map.of("q", List.of(q)))).as(q)
                    .isInstanceOf(NewsQuery.InvalidQueryException.class);
            assertThatThrownBy(() -> NewsQuery.from(Map.of("person", List.of("x" + q)))).as(q)
                    .isInstanceOf(NewsQuery.InvalidQueryException.class);
        }
        assertThat(NewsQuery.from(Map.of("q", List.of("Minsk\tLondon\r\nParis"))).text()).isEqualTo("Minsk\tLondon\r\nParis");
        assertThatThrownBy(() -> NewsQuery.from(Map.of("person", List.of("a\tb"))))
                .as("a name has no tab").isInstanceOf(NewsQuery.InvalidQueryException.class);
        assertThat(NewsQuery.from(Map.of("person", List.of("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
                "q", List.of("\ud83d\udc69\u200d\ud83d\udcbb \u200f"))).filters()).containsKey(Facet.PEOPLE);
        assertThatThrownBy(() -> NewsQuery.from(Map.of("person", List.of("   "))))
                .as("only spaces").isInstanceOf(NewsQuery.InvalidQueryException.class);
    }

    @Test
    void lengthsCountCodePoints() {
        String emoji = "\ud83d\ude00";
        assertThat(NewsQuery.from(Map.of("q", List.of(emoji.repeat(NewsQuery.MAX_TEXT)))).text())
                .hasSize(2 * NewsQuery.MAX_TEXT);
        assertThatThrownBy(() -> NewsQuery.from(Map.of("q", List.of(emoji.repeat(NewsQuery.MAX_TEXT + 1)))))
                .isInstanceOf(NewsQuery.InvalidQueryException.class);
        assertThat(NewsQuery.from(Map.of("person", List.of(emoji.repeat(NewsQuery.MAX_VALUE_LENGTH)))).filters())
                .containsKey(Facet.PEOPLE);
    }

    @Test
    void sizeAndSortAreExactlyAsDocumented() {
        assertThat(NewsQuery.from(Map.of("size", List.of("50"), "sort", List.of("newest"))).size()).isEqualTo(50);
        assertThat(NewsQuery.from(Map.of("size", List.of(""))).size()).as("empty: not given").isEqualTo(20);
        for (String size : List.of("+5", "\u0665", "5 ", " ", "\u001C", "1e1", "0x10", "-1", "0", "51",
                "99999999999999999999", "2147483648")) {
            assertThatThrownBy(() -> NewsQuery.from(Map.of("size", List.of(size)))).as(size)
                    .isInstanceOf(NewsQuery.InvalidQueryException.class);
        }
        for (String sort : List.of("NEWEST", "Relevance", " newest", "oldest")) {
            assertThatThrownBy(() -> NewsQuery.from(Map.of("sort", List.of(sort)))).as(sort)
                    .isInstanceOf(NewsQuery.InvalidQueryException.class);
        }
    }

    @Test
    void aCursorMustFitTheSortItIsUsedWith() {
        String newest = Cursor.encode(java.util.Arrays.<Object>asList(1714554000000L, "abc"));
        String relevant = Cursor.encode(java.util.Arrays.<Object>asList(1.5, 1714554000000L, "abc"));
        assertThat(NewsQuery.from(Map.of("after", List.of(newest))).after()).isEqualTo(newest);
        assertThat(NewsQuery.from(Map.of("after", List.of(relevant), "sort", List.of("relevance"))).after())
                .isEqualTo(relevant);
        for (List<Object> forged : List.<List<Object>>of(java.util.Arrays.asList(null, "abc"), List.of("x", "abc"),
                List.of(1.5, "abc"), List.of(1714554000000L, 5L), List.of(0, 0, 0), List.of(1714554000000L, ""),
                List.of(1714554000000L, "a".repeat(101)), List.of(1714554000000L))) {
            assertThatThrownBy(() -> NewsQuery.from(Map.of("after", List.of(Cursor.encode(forged))))).as(forged.toString())
                    .isInstanceOf(NewsQuery.InvalidQueryException.class);
        }
        assertThatThrownBy(() -> NewsQuery.from(Map.of("after", List.of(newest), "sort", List.of("relevance"))))
                .isInstanceOf(NewsQuery.InvalidQueryException.class);
        assertThatThrownBy(() -> NewsQuery.from(Map.of("after", List.of(relevant))))
                .isInstanceOf(NewsQuery.InvalidQueryException.class);
        assertThatThrownBy(() -> NewsQuery.from(Map.of("after", List.of(newest + "=="))))
                .as("padding: not as this service writes them").isInstanceOf(NewsQuery.InvalidQueryException.class);
    }

    @Test
    void aCursorRoundTripsAndAForgedOneIsRefused() {
        String cursor = Cursor.encode(java.util.Arrays.<Object>asList(1714554000000L, 0.5, "abc"));
        assertThat(Cursor.decode(cursor)).containsExactly(1714554000000L, 0.5, "abc");
        assertThat(Cursor.decode(Cursor.encode(java.util.Arrays.<Object>asList(null, "abc"))))
                .as("a missing date sorts as null").containsExactly(null, "abc");
        String relevant = Cursor.encode(java.util.Arrays.<Object>asList(0.5, 1714554000000L, "abc"));
        assertThat(NewsQuery.from(Map.of("after", List.of(relevant), "sort", List.of("relevance"))).after())
                .isEqualTo(relevant);
        assertThat(Cursor.decode("not base64!")).isNull();
        assertThat(Cursor.decode(Cursor.encode(List.<Object>of(List.of(1))))).as("nested values").isNull();
        assertThat(Cursor.decode(Cursor.encode(List.<Object>of(1, 2, 3, 4)))).as("too many values").isNull();
    }
}
