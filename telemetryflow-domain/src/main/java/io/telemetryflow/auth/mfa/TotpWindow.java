package io.telemetryflow.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Which RFC 6238 time step a code belongs to: codes of the current 30-second step and of one step
 * either side are accepted, so a phone clock a little off still works. Whether the step was already
 * used (replay) is the user's business ({@code User.acceptTotpStep}).
 */
public final class TotpWindow {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    public static final int TOLERANCE_STEPS = 1;

    private TotpWindow() {
    }

    public static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.getSeconds());
    }

    public static Instant startOf(long step) {
        return Instant.ofEpochSecond(step * STEP.getSeconds());
    }

    /** Whether {@code code} has the shape of a TOTP code (six digits) rather than of a recovery code. */
    public static boolean looksLikeCode(String code) {
        return code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The newest step within the tolerance around {@code now} whose code, as {@code codeAt} computes
     * it, equals {@code code}; every candidate is compared, in constant time.
     */
    public static OptionalLong matchingStep(String code, Instant now, LongFunction<String> codeAt) {
        if (!looksLikeCode(code)) {
            return OptionalLong.empty();
        }
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        OptionalLong match = OptionalLong.empty();
        for (long step = current - TOLERANCE_STEPS; step <= current + TOLERANCE_STEPS; step++) {
            if (MessageDigest.isEqual(presented, codeAt.apply(step).getBytes(StandardCharsets.US_ASCII))) {
                match = OptionalLong.of(step);
            }
        }
        return match;
    }
}
