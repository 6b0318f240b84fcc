package io.telemetryflow.auth.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One of the platform's JWT signing keys as stored: its {@code kid}, its state, and when it was retired (null before). */
public record SigningKey(String keyId, SigningKeyState state, Instant createdAt, Instant retiredAt) {

    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        if ((state == SigningKeyState.RETIRED) != (retiredAt != null)) {
            throw new IllegalArgumentException("a retired key, and only a retired key, has a retirement time: " + keyId);
        }
    }

    /** Whether a verifier must accept this key at {@code now}: unless retired so long ago that its tokens have all expired. */
    public boolean trustedAt(Instant now, Duration tokenLifetime) {
        return state != SigningKeyState.RETIRED || now.isBefore(retiredAt.plus(tokenLifetime));
    }
}
