package io.newsflow.enrich.places;

/**
 * A place an article mentions, resolved to one gazetteer entry.
 *
 * @param name        the gazetteer's name for it ("Kyiv" for "Kiev")
 * @param countryCode ISO 3166-1 alpha-2 of the place or of the country it lies in
 * @param kind        {@code country}, {@code region} (first-level division such as a US state) or {@code city}
 * @param lat         latitude: the city, or the middle of the region's or country's towns
 * @param lon         longitude
 * @param mentions    how often the article names it (title, body and dateline together)
 */
public record Place(String name, String countryCode, String kind, double lat, double lon, int mentions) {
}
