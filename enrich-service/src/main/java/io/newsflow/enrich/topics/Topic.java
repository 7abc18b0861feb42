package io.newsflow.enrich.topics;

/**
 * An IPTC Media Topic (top level) assigned to an article.
 *
 * @param code  the IPTC qcode, e.g. {@code medtop:11000000}
 * @param label IPTC's English label, e.g. {@code politics}
 * @param score strength of the evidence in [0, 1]; comparable across articles, not a probability
 */
public record Topic(String code, String label, double score) {
}
