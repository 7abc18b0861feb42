package io.newsflow.enrich.dates;

import io.newsflow.enrich.dates.DateWords.MonthName;
import io.newsflow.enrich.dates.DateWords.Phrase;
import io.newsflow.enrich.dates.DateWords.Strength;
import io.newsflow.enrich.dates.DateWords.Unit;
import io.newsflow.enrich.dates.DateWords.WeekdayName;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the dates a news text mentions and resolves them against the article's publication date:
 * "Jan. 17, 2024", "17 January", "last Tuesday", "yesterday", "next month", "in March", "in 2019",
 * in English and, for the common forms, German, French and Spanish. Durations ("for three
 * years"), weeks ("last week"), decades and times of day are not dates here.
 *
 * <p>Hand-written over the shared tokens rather than a library: the temporal taggers that find
 * dates in prose are GPL (SUTime, HeidelTime) or unmaintained (Natty), and {@code java.time} only
 * parses a string already known to be a date. The work here is finding the date in running text
 * and deciding which of "May", "March" or "2000" are dates at all, which takes news conventions
 * more than grammar. The rules are deliberately conservative, because a wrong date on
 * a chart is worse than a missing one: an ambiguous month name (May, March, June) needs a day, a
 * year or a context word ("in", "since", "early"); a bare year needs a context word and must not
 * be followed by a counted noun ("in 2000 homes"); slashed dates are taken only when the day is
 * unambiguous.
 *
 * <p>Dates without a year take the year that puts them nearest the publication date, and weekdays
 * the nearest such day; when the sentence has a clear tense cue ("said", "was" versus "will",
 * "is expected to") the date moves to the past or the future side instead. News mostly reports
 * the past week, so "said on Monday" is the Monday before publication, and "will meet on Friday"
 * the Friday after. A day within three weeks of publication keeps its nearest year whatever the
 * tense ("vowed to leave on Oct. 31" in a November story): a year's jump needs more than a cue.
 *
 * <p>Immutable and thread-safe; the word lists are static.
 */
public final class DateMentionFinder {

    private static final DateMentionFinder STANDARD = new DateMentionFinder();

    private DateMentionFinder() {
    }

    /** The finder for English, German, French and Spanish date expressions. */
    public static DateMentionFinder standard() {
        return STANDARD;
    }

    /**
     * The dates mentioned in a text, in text order, without overlaps.
     *
     * @param body      the segmented text
     * @param reference the publication time relative dates are resolved against; if null, only
     *                  dates written with their year are returned
     * @param zone      the zone the reference is read in to get the publication day; UTC if null
     */
    public List<DateMention> find(TextAnalysis body, Instant reference, ZoneId zone) {
        LocalDate today = reference == null
                ? null : LocalDate.ofInstant(reference, zone == null ? ZoneOffset.UTC : zone);
        List<DateMention> out = new ArrayList<>();
        List<Sentence> sentences = body.sentences();
        for (int k = 0; k < sentences.size(); k++) {
            List<Token> tokens = sentences.get(k).tokens();
            // "am 17. Januar": the segmenter ends a sentence at "17." before a capitalised word
            while (k + 1 < sentences.size() && endsWithDayDot(tokens) && startsWithMonth(sentences.get(k + 1))) {
                List<Token> joined = new ArrayList<>(tokens);
                joined.addAll(sentences.get(++k).tokens());
                tokens = joined;
            }
            new Scan(body.text(), tokens, today, out).run();
        }
        return out;
    }

    private static boolean endsWithDayDot(List<Token> tokens) {
        int n = tokens.size();
        if (n < 2 || !tokens.get(n - 1).text().equals(".")) {
            return false;
        }
        String day = tokens.get(n - 2).text();
        return day.length() <= 2 && Character.isDigit(day.charAt(0)) && Character.isDigit(day.charAt(day.length() - 1))
                && tokens.get(n - 2).end() == tokens.get(n - 1).start();
    }

    private static boolean startsWithMonth(Sentence sentence) {
        return !sentence.tokens().isEmpty()
                && DateWords.MONTHS.containsKey(sentence.tokens().get(0).text().toLowerCase(Locale.ROOT));
    }

    private enum Tense { PAST, FUTURE, UNKNOWN }

    private static final java.util.Set<String> PAST_AUXILIARIES = java.util.Set.of("was", "were", "had", "been");
    /** How far (days) the nearest reading must lie on the wrong side of publication before the tense moves it. */
    private static final int TENSE_MIN_DAYS = 21;
    private static final java.util.Set<String> PRESENT_OR_INFINITIVE = java.util.Set.of("be", "to", "is", "are", "am",
            "being", "get", "gets");

    /** One pass over one sentence. */
    private static final class Scan {

        private final String text;
        private final Token[] t;
        private final String[] key;
        private final int[] keyEnd;
        private final int n;
        private final LocalDate today;
        private final List<DateMention> out;
        private final int firstWord;
        private int lastMentionEnd = -10;

        Scan(String text, List<Token> tokens, LocalDate today, List<DateMention> out) {
            this.text = text;
            this.t = tokens.toArray(new Token[0]);
            this.n = t.length;
            this.today = today;
            this.out = out;
            this.key = new String[n];
            this.keyEnd = new int[n];
            int first = -1;
            for (int i = 0; i < n; i++) {
                String lower = t[i].text().toLowerCase(Locale.ROOT);
                int end = t[i].end();
                if (t[i].word() && lower.length() > 2 && (lower.endsWith("'s") || lower.endsWith("\u2019s"))) {
                    lower = lower.substring(0, lower.length() - 2);
                    end -= 2;
                }
                key[i] = lower;
                keyEnd[i] = end;
                if (first < 0 && t[i].word()) {
                    first = i;
                }
            }
            this.firstWord = first;
        }

        void run() {
            int i = 0;
            while (i < n) {
                int next = t[i].word() ? at(i) : -1;
                i = next > i ? next : i + 1;
            }
        }

        /** Tries every form at token i; returns the index after what it consumed, or -1. */
        private int at(int i) {
            String k = key[i];
            if (!Character.isDigit(k.charAt(0)) && !DateWords.STARTERS.contains(k) && !k.startsWith("mid-")) {
                return -1; // most words cannot start a date: skip the matchers
            }
            int r = numeric(i);
            if (r < 0) {
                r = weekday(i);
            }
            if (r < 0) {
                r = monthFirst(i, i, true);
            }
            if (r < 0) {
                r = dayFirst(i, i);
            }
            if (r < 0) {
                r = phrase(i);
            }
            if (r < 0) {
                r = ago(i);
            }
            if (r < 0) {
                r = prefixed(i);
            }
            if (r < 0) {
                r = yearAlone(i);
            }
            return r;
        }

        // ---- numeric: 2024-01-17, 17.01.2024, 17/01/2024 ----

        private int numeric(int i) {
            String s = t[i].text();
            if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && digits(s, 0, 4) && digits(s, 5, 7)
                    && digits(s, 8, 10)) {
                return emitDay(i, i, date(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10)), i + 1);
            }
            int dot1 = s.indexOf('.');
            int dot2 = s.lastIndexOf('.');
            if (dot1 > 0 && dot2 > dot1 + 1 && s.length() - dot2 == 5 && dot1 <= 2 && dot2 - dot1 <= 3
                    && digits(s, 0, dot1) && digits(s, dot1 + 1, dot2) && digits(s, dot2 + 1, s.length())) {
                LocalDate d = date(num(s, dot2 + 1, s.length()), num(s, dot1 + 1, dot2), num(s, 0, dot1));
                return emitDay(i, i, d, i + 1);
            }
            if (i + 4 < n && s.length() <= 2 && digits(s, 0, s.length()) && is(i + 1, "/") && is(i + 3, "/")
                    && t[i + 4].text().length() == 4 && digits(t[i + 4].text(), 0, 4)
                    && t[i + 2].text().length() <= 2 && digits(t[i + 2].text(), 0, t[i + 2].text().length())
                    && t[i + 1].start() == t[i].end() && t[i + 2].start() == t[i + 1].end()
                    && t[i + 3].start() == t[i + 2].end() && t[i + 4].start() == t[i + 3].end()) {
                int a = Integer.parseInt(s);
                int b = Integer.parseInt(t[i + 2].text());
                int y = Integer.parseInt(t[i + 4].text());
                LocalDate d = a > 12 ? date(y, b, a) : b > 12 ? date(y, a, b) : null; // 05/10/2018: unknowable
                return d == null ? -1 : emitDay(i, i + 4, d, i + 5);
            }
            return -1;
        }

        // ---- weekdays: on Monday, last Tuesday, lundi prochain, Monday, Jan. 15 ----

        private int weekday(int i) {
            int w = i;
            int forced = Integer.MIN_VALUE;
            Integer before = DateWords.WEEKDAY_BEFORE.get(key[i]);
            if (before != null && i + 1 < n && weekdayAt(i + 1) != null) {
                w = i + 1;
                forced = before;
            }
            WeekdayName name = weekdayAt(w);
            if (name == null) {
                return -1;
            }
            if (w == i && i > 0 && DateWords.NAMED_DAYS.contains(key[i - 1])
                    || w == i && i > 1 && key[i - 1].equals("on") && key[i - 2].equals("mail")) {
                return i + 1; // Black Friday, Mail on Sunday: a name, not this week's day
            }
            int j = w + 1;
            if (j < n && is(j, ",")) {
                j++;
            }
            if (j < n) {
                int size = out.size();
                int r = monthFirst(j, i, false);
                if (r < 0) {
                    r = dayFirst(j, i);
                }
                if (r > 0 && out.size() > size && out.get(size).granularity().equals(DateMention.DAY)) {
                    return r; // "Monday, Jan. 15": the date says which Monday
                }
                if (out.size() > size) {
                    out.remove(size);
                }
            }
            int end = w;
            if (w + 1 < n && DateWords.WEEKDAY_AFTER.containsKey(key[w + 1]) && forced == Integer.MIN_VALUE) {
                forced = DateWords.WEEKDAY_AFTER.get(key[w + 1]);
                end = w + 1;
            }
            if (forced == Integer.MIN_VALUE && w + 1 < n && t[w + 1].capitalized() && !isDigitToken(w + 1)
                    && monthAt(w + 1) == null && (w == 0 || !isOn(key[w - 1]))) {
                return w + 1; // Sunday Times, Monday Night Football
            }
            if (today == null) {
                return end + 1;
            }
            int ahead = Math.floorMod(name.day().getValue() - today.getDayOfWeek().getValue(), 7);
            LocalDate value;
            if (forced == -1) {
                value = today.minusDays(ahead == 0 ? 7 : 7 - ahead);
            } else if (forced == 1) {
                value = today.plusDays(ahead == 0 ? 7 : ahead);
            } else if (ahead == 0) {
                value = today;
            } else {
                Tense tense = tense(i, end + 1);
                boolean future = tense == Tense.FUTURE || tense == Tense.UNKNOWN && ahead <= 3;
                value = future ? today.plusDays(ahead) : today.minusDays(7 - ahead);
            }
            return emitDay(i, end, value, end + 1);
        }

        private static boolean isOn(String word) {
            return word.equals("on") || word.equals("am") || word.equals("le") || word.equals("el")
                    || word.equals("since") || word.equals("until") || word.equals("by");
        }

        // ---- months, English order: January 17, Jan. 17, 2024, March 2024, in March ----

        private int monthFirst(int i, int spanStart, boolean allowMonthOnly) {
            MonthName m = monthAt(i);
            if (m == null || m.strength() == Strength.WEAK && i > 0 && t[i - 1].capitalized()
                    && weekdayAt(i - 1) == null && !DateWords.CONTEXT.contains(key[i - 1])
                    && !DateWords.BEFORE_DATE.contains(key[i - 1])) {
                return -1; // Theresa May, Brian May
            }
            int j = i + 1;
            if (m.strength() == Strength.ABBREVIATION && adjacentDot(j)) {
                j++; // Jan. 17
            }
            int d = j < n ? dayNumber(j) : -1;
            if (d > 0 && !(j + 1 < n && (is(j + 1, ":") || DateWords.COUNTED.contains(key[j + 1])))) {
                int k = j + 1;
                if (k < n && is(k, ",")) {
                    k++;
                }
                int y = k < n ? year(k, 1000, 2999) : -1;
                if (y > 0) {
                    return emitDay(spanStart, k, date(y, m.month(), d), k + 1);
                }
                return today == null ? j + 1 : emitDay(spanStart, j, nearestDay(m.month(), d, i), j + 1);
            }
            int k = j;
            if (k < n && (is(k, ",") || key[k].equals("de"))) {
                k++;
            }
            int y = k < n ? year(k, 1800, 2199) : -1;
            if (y > 0 && !(k + 1 < n && DateWords.COUNTED.contains(key[k + 1]))) {
                return emitMonth(spanStart, k, YearMonth.of(y, m.month()), k + 1);
            }
            if (!allowMonthOnly || m.strength() == Strength.ABBREVIATION) {
                return -1;
            }
            int modifier = i > 0 ? switch (key[i - 1]) {
                case "last", "letzten", "vergangenen", "pasado" -> -1;
                case "next", "nächsten", "kommenden", "próximo" -> 1;
                case "this" -> 0;
                default -> Integer.MIN_VALUE;
            } : Integer.MIN_VALUE;
            int last = i;
            if (modifier == Integer.MIN_VALUE && i + 1 < n && DateWords.WEEKDAY_AFTER.containsKey(key[i + 1])
                    && !key[i + 1].equals("last")) {
                modifier = DateWords.WEEKDAY_AFTER.get(key[i + 1]); // mars dernier, marzo pasado
                last = i + 1;
            }
            boolean context = modifier != Integer.MIN_VALUE || hasContext(i);
            if (!context) {
                boolean bare = m.strength() == Strength.STRONG
                        && (m.letterCase() == DateWords.Case.LOWER
                                || t[i].capitalized() && m.letterCase() != DateWords.Case.ANY)
                        && !(i + 1 < n && t[i + 1].capitalized());
                if (!bare) {
                    return -1;
                }
            }
            if (today == null) {
                return i + 1;
            }
            YearMonth current = YearMonth.from(today);
            YearMonth value;
            int start = last == i && modifier != Integer.MIN_VALUE ? i - 1 : i;
            if (modifier == -1) {
                int lastYear = m.month() < current.getMonthValue() ? current.getYear() : current.getYear() - 1;
                value = YearMonth.of(lastYear, m.month());
            } else if (modifier == 1) {
                int nextYear = m.month() > current.getMonthValue() ? current.getYear() : current.getYear() + 1;
                value = YearMonth.of(nextYear, m.month());
            } else if (modifier == 0) {
                value = YearMonth.of(current.getYear(), m.month());
            } else {
                value = nearestMonth(m.month(), i);
            }
            return emitMonth(start, last, value, last + 1);
        }

        // ---- months, day first: 17 January 2024, 17. Januar, 17 de enero de 2024, the 17th of January ----

        private int dayFirst(int i, int spanStart) {
            int d = dayNumber(i);
            if (d < 0) {
                return -1;
            }
            int j = i + 1;
            if (adjacentDot(j)) {
                j++;
            }
            if (j < n && (key[j].equals("of") || key[j].equals("de"))) {
                j++;
            }
            MonthName m = j < n ? monthAt(j) : null;
            if (m == null) {
                return -1;
            }
            int k = j + 1;
            if (m.strength() == Strength.ABBREVIATION && adjacentDot(k)) {
                k++; // 17 Jan. 2024
            }
            int kk = k;
            if (kk < n && (is(kk, ",") || key[kk].equals("de"))) {
                kk++;
            }
            int y = kk < n ? year(kk, 1000, 2999) : -1;
            if (y > 0) {
                return emitDay(spanStart, kk, date(y, m.month(), d), kk + 1);
            }
            int last = k - 1;
            return today == null ? k : emitDay(spanStart, last, nearestDay(m.month(), d, i), k);
        }

        // ---- mid-March, mid-2024 ----

        private int prefixed(int i) {
            String k = key[i];
            if (!k.startsWith("mid-")) {
                return -1;
            }
            String rest = k.substring(4);
            MonthName m = DateWords.MONTHS.get(rest);
            if (m != null && m.strength() != Strength.ABBREVIATION && Character.isUpperCase(t[i].text().charAt(4))) {
                int y = i + 1 < n ? year(i + 1, 1800, 2199) : -1;
                if (y > 0) {
                    return emitMonth(i, i + 1, YearMonth.of(y, m.month()), i + 2);
                }
                return today == null ? i + 1 : emitMonth(i, i, nearestMonth(m.month(), i), i + 1);
            }
            if (rest.length() == 4 && digits(rest, 0, 4)) {
                int y = Integer.parseInt(rest);
                if (y >= 1900 && y <= 2100) {
                    return emitYear(i, i, y, i + 1);
                }
            }
            return -1;
        }

        // ---- yesterday, next month, l'année dernière ----

        private int phrase(int i) {
            List<Phrase> phrases = DateWords.PHRASES.get(key[i]);
            if (phrases == null || today == null) {
                return -1;
            }
            Phrase best = null;
            for (Phrase p : phrases) {
                if (matches(i, p.words()) && (best == null || p.words().size() > best.words().size())) {
                    best = p;
                }
            }
            if (best == null) {
                return -1;
            }
            int last = i + best.words().size() - 1;
            String first = best.words().get(0);
            boolean capitalised = t[i].capitalized();
            if ((first.equals("today") || first.equals("tonight")) && capitalised && i != firstWord
                    || first.equals("morgen") && capitalised
                    || first.equals("mañana") && i > 0 && DateWords.MORNING_BEFORE.contains(key[i - 1])
                    || first.equals("hier") && !looksFrench()) {
                return -1; // USA Today, "heute Morgen", "por la mañana", German "hier" (here)
            }
            return switch (best.unit()) {
                case DAY -> emitDay(i, last, today.plusDays(best.delta()), last + 1);
                case MONTH -> emitMonth(i, last, YearMonth.from(today).plusMonths(best.delta()), last + 1);
                case YEAR -> emitYear(i, last, today.getYear() + best.delta(), last + 1);
            };
        }

        /** "hier" is yesterday in French but here in German: trust it only among French function words. */
        private boolean looksFrench() {
            int french = 0;
            for (int k = 0; k < n; k++) {
                switch (key[k]) {
                    case "le", "la", "les", "des", "du", "une", "est", "et", "a", "été", "dans", "sur", "au" ->
                            french++;
                    case "der", "die", "das", "und", "ist", "ich", "wir", "nicht", "the", "and" -> french -= 2;
                    default -> { }
                }
            }
            return french > 0;
        }

        // ---- two years ago, vor drei Monaten, hace dos años, il y a un an ----

        private int ago(int i) {
            if (today == null) {
                return -1;
            }
            int numberAt;
            int unitAt;
            int last;
            int start = i;
            if (key[i].equals("vor") || key[i].equals("hace")) {
                numberAt = i + 1;
                unitAt = i + 2;
                last = i + 2;
            } else if (key[i].equals("il") && i + 2 < n && key[i + 1].equals("y") && key[i + 2].equals("a")) {
                numberAt = i + 3;
                unitAt = i + 4;
                last = i + 4;
            } else {
                numberAt = i;
                unitAt = i + 1;
                last = i + 2;
                if (!(last < n && key[last].equals("ago"))) {
                    return -1;
                }
            }
            if (unitAt >= n) {
                return -1;
            }
            Unit unit = DateWords.AGO_UNITS.get(key[unitAt]);
            int count = count(numberAt);
            if (unit == null || count <= 0) {
                return -1;
            }
            if (key[i].equals("vor") && !key[unitAt].endsWith("en") && count != 1) {
                return -1;
            }
            return switch (unit) {
                case DAY -> emitDay(start, last, today.minusDays(count), last + 1);
                case MONTH -> emitMonth(start, last, YearMonth.from(today).minusMonths(count), last + 1);
                case YEAR -> emitYear(start, last, today.getYear() - count, last + 1);
            };
        }

        private int count(int i) {
            Integer word = DateWords.NUMBER_WORDS.get(key[i]);
            if (word != null) {
                return word;
            }
            String s = t[i].text();
            return s.length() <= 2 && digits(s, 0, s.length()) ? Integer.parseInt(s) : -1;
        }

        // ---- in 2019, since 2015, the 2024 election, 2019's ----

        private int yearAlone(int i) {
            String s = t[i].text();
            boolean possessive = keyEnd[i] != t[i].end();
            if (key[i].length() != 4 || !digits(key[i], 0, 4)) {
                return -1;
            }
            int y = Integer.parseInt(key[i]);
            if (y < 1900 || y > 2100 || s.length() != 4 && !possessive) {
                return -1;
            }
            if (i + 1 < n && !possessive && (DateWords.COUNTED.contains(key[i + 1]) || is(i + 1, "%"))
                    || i > 0 && (is(i - 1, "$") || is(i - 1, "\u20AC") || is(i - 1, "\u00A3") || is(i - 1, "#"))) {
                return -1;
            }
            boolean date = possessive || hasContext(i)
                    || i > 0 && DateWords.SEASONS.contains(key[i - 1]);
            if (!date && i > 0 && i + 1 < n) {
                String before = key[i - 1];
                boolean determiner = before.equals("the") || before.equals("a") || before.equals("an")
                        || before.equals("its") || before.equals("their") || before.equals("his")
                        || before.equals("her")
                        || before.equals("our") || before.equals("this") || before.equals("last");
                date = determiner && (DateWords.YEAR_NOUNS.contains(key[i + 1])
                        || t[i + 1].capitalized() && !isDigitToken(i + 1));
            }
            return date ? emitYear(i, i, y, i + 1) : -1;
        }

        // ---- context and tense ----

        /** A context word before token i: "in", "since", "end of", or a joiner after another date. */
        private boolean hasContext(int i) {
            if (i == 0) {
                return false;
            }
            String before = key[i - 1];
            if (DateWords.CONTEXT.contains(before)) {
                return true;
            }
            if ((before.equals("of") || before.equals("de") || before.equals("des")) && i > 1
                    && DateWords.OF_CONTEXT.contains(key[i - 2])) {
                return true;
            }
            return DateWords.JOINERS.contains(before) && lastMentionEnd == i - 1;
        }

        private Tense tense(int from, int to) {
            for (int k = from - 1; k >= Math.max(0, from - 8); k--) {
                Tense tense = cue(k);
                if (tense != Tense.UNKNOWN) {
                    return tense;
                }
            }
            for (int k = to; k < Math.min(n, to + 8); k++) {
                Tense tense = cue(k);
                if (tense != Tense.UNKNOWN) {
                    return tense;
                }
            }
            return Tense.UNKNOWN;
        }

        private Tense cue(int k) {
            if (!t[k].word()) {
                return Tense.UNKNOWN;
            }
            String w = key[k];
            if (DateWords.FUTURE_CUES.contains(w) || w.endsWith("'ll") || w.endsWith("\u2019ll")) {
                // "was due to", "were expected to": a plan in the past
                return k > 0 && PAST_AUXILIARIES.contains(key[k - 1]) ? Tense.PAST : Tense.FUTURE;
            }
            if (w.equals("set") || w.equals("going") || w.equals("plans") || w.equals("plan") || w.equals("planning")
                    || w.equals("hopes") || w.equals("aims") || w.equals("wants")) {
                if (!(k + 1 < n && key[k + 1].equals("to"))) {
                    return Tense.UNKNOWN;
                }
                return k > 0 && PAST_AUXILIARIES.contains(key[k - 1]) ? Tense.PAST : Tense.FUTURE;
            }
            boolean past = DateWords.PAST_CUES.contains(w)
                    || w.length() > 4 && w.endsWith("ed") && !w.endsWith("eed") && !t[k].capitalized();
            // "to be held", "are held": a participle after these is not the past tense
            return past && !(k > 0 && PRESENT_OR_INFINITIVE.contains(key[k - 1])) ? Tense.PAST : Tense.UNKNOWN;
        }

        private LocalDate nearestDay(int month, int dayOfMonth, int at) {
            LocalDate best = null;
            LocalDate before = null;
            LocalDate after = null;
            for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
                LocalDate d = date(y, month, dayOfMonth);
                if (d == null) {
                    continue;
                }
                if (best == null || Math.abs(d.toEpochDay() - today.toEpochDay())
                        < Math.abs(best.toEpochDay() - today.toEpochDay())) {
                    best = d;
                }
                if (!d.isAfter(today.plusDays(1))) {
                    before = d;
                }
                if (after == null && !d.isBefore(today.minusDays(1))) {
                    after = d;
                }
            }
            if (best == null) {
                return null;
            }
            if (Math.abs(best.toEpochDay() - today.toEpochDay()) >= TENSE_MIN_DAYS) {
                Tense tense = tense(at, at + 1);
                if (tense == Tense.PAST && best.isAfter(today) && before != null) {
                    return before;
                }
                if (tense == Tense.FUTURE && best.isBefore(today) && after != null) {
                    return after;
                }
            }
            return best;
        }

        private YearMonth nearestMonth(int month, int at) {
            YearMonth current = YearMonth.from(today);
            YearMonth same = YearMonth.of(current.getYear(), month);
            if (same.equals(current)) {
                return same;
            }
            YearMonth before = same.isBefore(current) ? same : same.minusYears(1);
            YearMonth after = same.isAfter(current) ? same : same.plusYears(1);
            long back = months(before, current);
            long ahead = months(current, after);
            YearMonth nearest = ahead < back ? after : before;
            Tense tense = tense(at, at + 1);
            if (tense == Tense.PAST) {
                return before;
            }
            if (tense == Tense.FUTURE) {
                return after;
            }
            return nearest;
        }

        private static long months(YearMonth from, YearMonth to) {
            return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
        }

        // ---- token helpers ----

        private MonthName monthAt(int i) {
            MonthName m = DateWords.MONTHS.get(key[i]);
            return m != null && caseFits(i, m.letterCase()) ? m : null;
        }

        private WeekdayName weekdayAt(int i) {
            WeekdayName w = DateWords.WEEKDAYS.get(key[i]);
            return w != null && caseFits(i, w.letterCase()) ? w : null;
        }

        private boolean caseFits(int i, DateWords.Case letterCase) {
            return switch (letterCase) {
                case CAPITALISED -> t[i].capitalized();
                case LOWER -> Character.isLowerCase(t[i].text().charAt(0));
                case ANY -> true;
            };
        }

        private boolean matches(int i, List<String> words) {
            if (i + words.size() > n) {
                return false;
            }
            for (int k = 0; k < words.size(); k++) {
                if (!key[i + k].equals(words.get(k))) {
                    return false;
                }
            }
            return true;
        }

        private boolean adjacentDot(int j) {
            return j < n && j > 0 && is(j, ".") && t[j].start() == t[j - 1].end();
        }

        private boolean is(int i, String s) {
            return t[i].text().equals(s);
        }

        private boolean isDigitToken(int i) {
            return Character.isDigit(t[i].text().charAt(0));
        }

        /** 1-31 from "17", "17th", "1st", "1er", or the first day of "15-17". */
        private int dayNumber(int i) {
            if (!t[i].word()) {
                return -1;
            }
            String s = t[i].text().toLowerCase(Locale.ROOT);
            int d = 0;
            while (d < s.length() && Character.isDigit(s.charAt(d))) {
                d++;
            }
            if (d == 0 || d > 2) {
                return -1;
            }
            String rest = s.substring(d);
            boolean ok = switch (rest) {
                case "", "st", "nd", "rd", "th", "er" -> true;
                default -> rest.length() >= 2 && rest.length() <= 3
                        && (rest.charAt(0) == '-' || rest.charAt(0) == '\u2013')
                        && digits(rest, 1, rest.length());
            };
            int value = Integer.parseInt(s.substring(0, d));
            return ok && value >= 1 && value <= 31 ? value : -1;
        }

        private int year(int i, int min, int max) {
            String s = t[i].text();
            if (s.length() != 4 || !digits(s, 0, 4)) {
                return -1;
            }
            int y = Integer.parseInt(s);
            return y >= min && y <= max ? y : -1;
        }

        private static boolean digits(String s, int from, int to) {
            if (from >= to) {
                return false;
            }
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        private static int num(String s, int from, int to) {
            return Integer.parseInt(s, from, to, 10);
        }

        private static LocalDate date(int y, int m, int d) {
            try {
                return LocalDate.of(y, m, d);
            } catch (DateTimeException e) {
                return null;
            }
        }

        // ---- emitting ----

        private int emitDay(int first, int last, LocalDate value, int next) {
            return value == null ? -1 : emit(first, last, value.toString(), DateMention.DAY, next);
        }

        private int emitMonth(int first, int last, YearMonth value, int next) {
            return emit(first, last, value.toString(), DateMention.MONTH, next);
        }

        private int emitYear(int first, int last, int value, int next) {
            return emit(first, last, String.valueOf(value), DateMention.YEAR, next);
        }

        private int emit(int first, int last, String value, String granularity, int next) {
            int start = t[first].start();
            int end = keyEnd[last];
            out.add(new DateMention(text.substring(start, end), value, granularity, start, end));
            lastMentionEnd = next;
            return next;
        }
    }
}
