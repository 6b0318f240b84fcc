package io.telemetryflow.apikey;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The public half of an API key pair ({@code X-API-Key-ID}): {@code tfk_} and 24 lower-case
 * base-32 characters (120 random bits). Indexed in the database; safe to log.
 */
public record ApiKeyId(String value) implements Serializable {

    static final String PREFIX = "tfk_";
    private static final Pattern FORMAT = Pattern.compile("tfk_[a-z2-7]{24}");

    public ApiKeyId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("API key id must be tfk_ followed by 24 characters a-z, 2-7");
        }
    }

    public static ApiKeyId generate(SecureRandom random) {
        return new ApiKeyId(PREFIX + Base32.random(random, 24));
    }

    @Override
    public String toString() {
        return value;
    }
}
