package io.newsflow.enrich.places;

/** A point on the map, WGS84 degrees. */
public record GeoPoint(double lat, double lon) {
}
