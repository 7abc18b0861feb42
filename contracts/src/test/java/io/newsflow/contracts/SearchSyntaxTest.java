package io.newsflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchSyntaxTest {

    @Test
    void capitalisedOperatorsBecomeSimpleQueryStringOperators() {
        assertThat(SearchSyntax.toSimpleQueryString("Lukashenka OR Macron")).isEqualTo("Lukashenka | Macron");
        assertThat(SearchSyntax.toSimpleQueryString("(a OR b) AND c -d")).isEqualTo("(a | b) + c -d");
        assertThat(SearchSyntax.toSimpleQueryString("OR")).isEqualTo("|");
    }

    @Test
    void wordsPhrasesAndLowercaseAreLeftAlone() {
        assertThat(SearchSyntax.toSimpleQueryString("\"war OR peace\" ORegon ANDes or and"))
                .isEqualTo("\"war OR peace\" ORegon ANDes or and");
    }
}
