package io.newsflow.enrich.places;

/**
 * One gazetteer place.
 *
 * @param id          stable within a JVM: the country code, the region code ({@code US.GA}) or {@code city:n}
 * @param name        the name shown to users
 * @param kind        country, region or city
 * @param countryCode ISO 3166-1 alpha-2
 * @param regionId    the first-level region ({@code US.GA}); the country code for countries
 * @param continent   two-letter continent code of its country
 * @param lat         latitude
 * @param lon         longitude
 * @param population  inhabitants; for countries and regions the sum over their towns of 1,000+
 * @param flags       {@link #CAPITAL}, {@link #SEAT}, {@link #COMMON_WORD}, {@link #FIRST_NAME}
 */
record Entry(String id, String name, Kind kind, String countryCode, String regionId, String continent,
             double lat, double lon, long population, int flags) {

    enum Kind { COUNTRY, REGION, CITY }

    static final int CAPITAL = 1;
    static final int SEAT = 2;
    /** The name is also a common English word ("Nice", "Split", "Reading"). */
    static final int COMMON_WORD = 4;
    /** The name is also a common first name ("Charlotte", "Austin"). */
    static final int FIRST_NAME = 8;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * How likely this place is meant when nothing else in the article says otherwise: bigger
     * places are meant more often, and a country more often than a same-named state or town
     * (Georgia, Armenia in Colombia), a capital more often than its namesakes (Paris, Texas), a
     * town more often than the region named after it (Kharkiv).
     */
    double prior() {
        double p = Math.log10(Math.max(population, 1000));
        return switch (kind) {
            case COUNTRY -> p + 3;
            case REGION -> p;
            case CITY -> p + 1 + (has(CAPITAL) ? 1.5 : 0) + (has(SEAT) ? 0.5 : 0);
        };
    }

    /**
     * Whether a mention of this place needs its country named elsewhere in the article (or a
     * recognizer, a qualifier or the dateline) before it is believed: names that are common words
     * or first names, and towns too small to be meant without saying where they are.
     */
    boolean needsContext() {
        if (kind != Kind.CITY) {
            return false;
        }
        if (has(COMMON_WORD)) {
            return true;
        }
        if (has(CAPITAL)) {
            return false;
        }
        return has(FIRST_NAME) ? population < 1_000_000 : population < 100_000;
    }

    String kindName() {
        return switch (kind) {
            case COUNTRY -> "country";
            case REGION -> "region";
            case CITY -> "city";
        };
    }
}
