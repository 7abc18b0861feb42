package io.newsflow.contracts;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stable article ids. The same article must get the same id whoever posts it and however often,
 * so that re-posts and corrections land on one document downstream.
 *
 * <p>With a URL, the id is a hash of the canonical URL: scheme and host lower-cased, default
 * port, fragment and tracking parameters (utm_*, fbclid, gclid, ...) dropped, remaining query
 * parameters sorted. Without one, it is a hash of the source and the posted content. Ids are
 * the first 128 bits of SHA-256 in hex: short enough for a Kafka key and an Elasticsearch
 * {@code _id}, with collisions out of reach at any plausible volume.
 */
public final class ArticleIds {

    private static final Set<String> TRACKING_PARAMETERS = Set.of(
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
            "igshid", "_ga", "_gl", "ocid", "cmpid", "smid", "mbid", "sr_share", "ref_src", "ito");

    private ArticleIds() {
    }

    /** The id of the article at {@code url}. */
    public static String fromUrl(String url) {
        return hash("url\n" + canonicalUrl(url));
    }

    /** The id of an article posted without a URL: derived from its source and content. */
    public static String fromContent(Source source, String content) {
        String who = source == null ? "" : nullToEmpty(source.name()) + "\n" + nullToEmpty(source.domain());
        return hash("content\n" + who.toLowerCase(Locale.ROOT) + "\n" + content.strip());
    }

    /**
     * The canonical form of an absolute http(s) URL.
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute http or https URL
     */
    public static String canonicalUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("must have a host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not contain user credentials");
        }
        int port = uri.getPort();
        if (port > 65535) {
            throw new IllegalArgumentException("has an invalid port");
        }
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder canonical = new StringBuilder(url.length())
                .append(scheme).append("://").append(host);
        if (!defaultPort) {
            canonical.append(':').append(port);
        }
        canonical.append(path);
        String query = canonicalQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            canonical.append('?').append(query);
        }
        return canonical.toString();
    }

    /** The host of an absolute URL, lower-cased and without a leading {@code www.}. */
    public static String domainOf(String url) {
        String host = URI.create(canonicalUrl(url)).getHost();
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                kept.add(parameter);
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
