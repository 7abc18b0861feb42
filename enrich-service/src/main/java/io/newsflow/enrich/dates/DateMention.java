package io.newsflow.enrich.dates;

/**
 * A date mentioned in a text, resolved to a calendar value.
 *
 * @param text        the mention as written ("last Tuesday", "Jan. 17, 2024")
 * @param value       ISO-8601 at the mention's granularity: {@code 2024-01-17}, {@code 2024-03} or {@code 2019}
 * @param granularity {@code day}, {@code month} or {@code year}
 * @param start       offset of the mention's first char in the text
 * @param end         offset just past its last char
 */
public record DateMention(String text, String value, String granularity, int start, int end) {

    public static final String DAY = "day";
    public static final String MONTH = "month";
    public static final String YEAR = "year";
}
