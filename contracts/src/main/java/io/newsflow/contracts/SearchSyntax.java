package io.newsflow.contracts;

/**
 * The reader's search syntax, as the page's placeholder shows it ({@code "a phrase"},
 * {@code this OR that}, {@code this AND that}, {@code -without}, grouping with parentheses),
 * turned into Elasticsearch's {@code simple_query_string} syntax, whose operators are {@code |}
 * and {@code +}: the words {@code OR} and {@code AND} in capitals, outside quotes, become those
 * operators; everything else passes unchanged, and {@code simple_query_string} never fails on it.
 *
 * <p>Part of the contract because two stages read the same text: the newsroom searches the index
 * with Elasticsearch's {@code simple_query_string}, and subscription matching runs Lucene's
 * {@code SimpleQueryParser}, the parser {@code simple_query_string} is built on, so a saved search
 * selects the articles the same words find in the dashboard.
 * Written here because it is a dozen lines of tokenising that no library offers on its own.
 */
public final class SearchSyntax {

    private SearchSyntax() {
    }

    public static String toSimpleQueryString(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                String operator = operatorAt(text, i);
                if (operator != null) {
                    out.append(operator.equals("OR") ? '|' : '+');
                    i += operator.length();
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** {@code OR} or {@code AND} standing alone at {@code i}, or null. */
    private static String operatorAt(String text, int i) {
        for (String operator : new String[] {"OR", "AND"}) {
            int end = i + operator.length();
            if (text.startsWith(operator, i) && (end == text.length() || Character.isWhitespace(text.charAt(end)))) {
                return operator;
            }
        }
        return null;
    }
}
