package io.newsflow.enrich.extraction;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the date spellings found in meta tags, JSON-LD and visible datelines into ISO-8601.
 * Returns null rather than guessing when a value is not recognisably a date, because a wrong
 * publication date is worse for a news pipeline than a missing one.
 */
final class Dates {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:[.,]\\d{1,9})?"
                    + "\\s*(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2}|UTC|GMT)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:T?(\\d{2})(\\d{2})(\\d{2})?)?");
    private static final String MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "\\b(" + MONTHS + ")[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_FIRST = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(" + MONTHS + ")[a-z]*\\.?,?\\s+(\\d{4})", Pattern.CASE_INSENSITIVE);
    private static final Pattern SLASHED = Pattern.compile("\\b(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})\\b");

    private static final int MIN_YEAR = 1971;
    private static final int MAX_YEAR = 2200;

    private Dates() {
    }

    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        if (v.isEmpty() || v.length() > 200) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(v);
            return t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR ? null : t.toString();
        } catch (DateTimeParseException ignored) {
            // fall through to the lenient forms
        }
        Matcher m = ISO.matcher(v);
        if (m.find() && m.start() < 3) {
            return fromIso(m);
        }
        if (Character.isLetter(v.charAt(0)) && v.indexOf(',') > 0 && v.indexOf(':') > 0) {
            try {
                OffsetDateTime t = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime();
                return t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR ? null : t.toString();
            } catch (DateTimeParseException ignored) {
                // not RFC 1123
            }
        }
        m = COMPACT.matcher(v);
        if (m.matches()) {
            return date(m.group(1), m.group(2), m.group(3));
        }
        return fromText(v);
    }

    /** Finds a date written in prose, such as "Nov. 18, 2019" or "18 November 2019". */
    static String fromText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MONTH_FIRST.matcher(text);
        if (m.find()) {
            return date(m.group(3), String.valueOf(month(m.group(1))), m.group(2));
        }
        m = DAY_FIRST.matcher(text);
        if (m.find()) {
            return date(m.group(3), String.valueOf(month(m.group(2))), m.group(1));
        }
        m = ISO.matcher(text);
        if (m.find()) {
            return fromIso(m);
        }
        m = SLASHED.matcher(text);
        if (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            // Day-first unless that is impossible; ambiguous US dates are rarer on the pages that use dots.
            return a > 12 ? date(m.group(3), m.group(2), m.group(1)) : b > 12
                    ? date(m.group(3), m.group(1), m.group(2)) : null;
        }
        return null;
    }

    /** Whether the text contains something shaped like a date, even an ambiguous one (05/10/2018). */
    static boolean mentionsDate(String text) {
        return text != null && (SLASHED.matcher(text).find() || MONTH_FIRST.matcher(text).find()
                || DAY_FIRST.matcher(text).find() || ISO.matcher(text).find());
    }

    private static String fromIso(Matcher m) {
        String d = date(m.group(1), m.group(2), m.group(3));
        if (d == null || m.group(4) == null) {
            return d;
        }
        int h = Integer.parseInt(m.group(4));
        int min = Integer.parseInt(m.group(5));
        int sec = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        if (h > 23 || min > 59 || sec > 59) {
            return d;
        }
        LocalDateTime ldt = LocalDate.parse(d).atTime(h, min, sec);
        String zone = m.group(7);
        if (zone == null) {
            return ldt.toString();
        }
        String offset;
        if (zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
            offset = "Z";
        } else if (zone.length() == 3) {
            offset = zone + ":00";
        } else if (zone.indexOf(':') < 0) {
            offset = zone.substring(0, 3) + ":" + zone.substring(3);
        } else {
            offset = zone;
        }
        try {
            return OffsetDateTime.parse(ldt + offset).toString();
        } catch (DateTimeParseException e) {
            return ldt.toString();
        }
    }

    private static String date(String y, String mo, String d) {
        try {
            int year = Integer.parseInt(y);
            if (year < MIN_YEAR || year > MAX_YEAR) {
                return null; // CMS placeholders such as 0001-01-01 or 1970-01-01
            }
            return LocalDate.of(year, Integer.parseInt(mo), Integer.parseInt(d)).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n.substring(0, 3)) {
            case "jan" -> 1;
            case "feb" -> 2;
            case "mar" -> 3;
            case "apr" -> 4;
            case "may" -> 5;
            case "jun" -> 6;
            case "jul" -> 7;
            case "aug" -> 8;
            case "sep" -> 9;
            case "oct" -> 10;
            case "nov" -> 11;
            default -> 12;
        };
    }
}
