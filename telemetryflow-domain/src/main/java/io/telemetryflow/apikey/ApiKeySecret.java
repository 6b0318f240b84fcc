package io.telemetryflow.apikey;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret half of an API key pair ({@code X-API-Key-Secret}): {@code tfs_} and 52 lower-case
 * base-32 characters (260 random bits). Shown once at creation and stored only as an Argon2id
 * hash; {@link #toString()} never reveals it, so it cannot leak into logs by accident.
 */
public final class ApiKeySecret {

    static final String PREFIX = "tfs_";
    private static final Pattern FORMAT = Pattern.compile("tfs_[a-z2-7]{52}");

    private final String value;

    public ApiKeySecret(String value) {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("API key secret must be tfs_ followed by 52 characters a-z, 2-7");
        }
        this.value = value;
    }

    public static ApiKeySecret generate(SecureRandom random) {
        return new ApiKeySecret(PREFIX + Base32.random(random, 52));
    }

    /** The secret itself: only for hashing and for the one response that shows it to its owner. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeySecret secret && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.US_ASCII), secret.value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "tfs_****";
    }
}
