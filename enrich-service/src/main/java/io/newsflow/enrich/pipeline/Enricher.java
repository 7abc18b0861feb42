package io.newsflow.enrich.pipeline;

/**
 * One independent enricher: from the article as read, its text and what the enrichers before it
 * found, it makes one immutable part of its own (or null when it finds nothing). One that throws is
 * named in {@code enrichment.errors} and the article still flows, without its part.
 */
interface Enricher {

    /** Short stable name, used in {@code enrichment.errors} and metrics. */
    String name();

    Object find(Reading reading, Text text, Findings earlier);
}
