package io.newsflow.enrich.places;

import java.util.List;

/**
 * The places of one article.
 *
 * @param places              resolved places, most mentioned first
 * @param countries           ISO 3166-1 alpha-2 codes, heaviest first (a city counts for its country)
 * @param primaryCountry      the dateline's country, else the heaviest; null when no place was found
 * @param location            the most specific confident point in the primary country; null with it
 * @param datelineCountryCode the country of the dateline place; null when there is none or it is unknown
 */
public record PlaceAnalysis(List<Place> places, List<String> countries, String primaryCountry,
                            GeoPoint location, String datelineCountryCode) {

    static final PlaceAnalysis EMPTY = new PlaceAnalysis(List.of(), List.of(), null, null, null);

    public PlaceAnalysis {
        places = List.copyOf(places);
        countries = List.copyOf(countries);
    }
}
