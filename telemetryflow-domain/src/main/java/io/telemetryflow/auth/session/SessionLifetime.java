package io.telemetryflow.auth.session;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a session (a family of rotating refresh tokens) lives: each refresh token for
 * {@code refreshTokenTtl}, the session as a whole at most {@code maxLifetime} from its sign-in,
 * however often it is refreshed. A stolen refresh token therefore cannot keep a session alive forever.
 */
public record SessionLifetime(Duration refreshTokenTtl, Duration maxLifetime) {

    public SessionLifetime {
        if (refreshTokenTtl.isNegative() || refreshTokenTtl.isZero() || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("session lifetimes must be positive: " + refreshTokenTtl + ", " + maxLifetime);
        }
    }

    /** When a refresh token issued at {@code now} in a session begun at {@code sessionStart} expires: never after the session's end. */
    public Instant tokenExpiry(Instant sessionStart, Instant now) {
        Instant own = now.plus(refreshTokenTtl);
        Instant end = sessionEnd(sessionStart);
        return own.isBefore(end) ? own : end;
    }

    public boolean isOver(Instant sessionStart, Instant now) {
        return !now.isBefore(sessionEnd(sessionStart));
    }

    private Instant sessionEnd(Instant sessionStart) {
        return sessionStart.plus(maxLifetime);
    }
}
