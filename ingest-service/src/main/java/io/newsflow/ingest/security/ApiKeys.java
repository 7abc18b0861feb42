package io.newsflow.ingest.security;

import io.newsflow.ingest.IngestProperties.SecurityProperties.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The accepted API keys, known only by their SHA-256 hashes. A presented key is hashed and
 * compared with every configured hash in constant time ({@link MessageDigest#isEqual}), without
 * stopping at the first match, so response timing reveals nothing about the keys.
 */
public final class ApiKeys {

    private final List<Entry> entries;

    public ApiKeys(List<ApiKey> keys) {
        this.entries = keys.stream().map(ApiKeys::entry).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The name of the key's holder, or null when the key is not accepted. */
    public String holderOf(String presentedKey) {
        byte[] hash = sha256(presentedKey.getBytes(StandardCharsets.UTF_8));
        String holder = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash) && holder == null) {
                holder = entry.name();
            }
        }
        return holder;
    }

    /** Hex SHA-256 of a key, as configured in {@code newsflow.ingest.security.api-keys[].sha256}. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static Entry entry(ApiKey key) {
        if (key.sha256() == null || !key.sha256().strip().matches("(?i)[0-9a-f]{64}")) {
            throw new IllegalArgumentException("newsflow.ingest.security.api-keys: the key named '" + key.name()
                    + "' needs sha256 = the 64 hex digits of SHA-256 of the key");
        }
        String name = key.name() == null || key.name().isBlank() ? "unnamed" : key.name().strip();
        return new Entry(name, HexFormat.of().parseHex(key.sha256().strip().toLowerCase(Locale.ROOT)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Entry(String name, byte[] hash) {
    }
}
