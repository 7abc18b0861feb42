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

    /** No support needed: countries, regions, capitals and cities of a million or more. */
    static final int ALONE = 0;
    /** Needs its country or region named elsewhere in the article: other towns of 100,000 or more. */
    static final int COUNTRY = 1;
    /** Needs its region named, or its country named and "in"/"near" before it: words, first names, small towns. */
    static final int STRONG = 2;

    /**
     * How much the rest of the article must say before a mention of this place is believed. Most
     * towns share their name with something: a word ("Nice", "Reading"), a person ("Charlotte",
     * "Davis"), a hero ("Batman", a Turkish city of 400,000), or a namesake town elsewhere.
     */
    int contextNeed() {
        if (kind != Kind.CITY) {
            return ALONE;
        }
        if (has(COMMON_WORD)) {
            return STRONG;
        }
        if (has(CAPITAL) || population >= 1_000_000) {
            return ALONE;
        }
        return has(FIRST_NAME) || population < 100_000 ? STRONG : COUNTRY;
    }

    boolean needsContext() {
        return contextNeed() != ALONE;
    }

    String kindName() {
        return switch (kind) {
            case COUNTRY -> "country";
            case REGION -> "region";
            case CITY -> "city";
        };
    }
}
