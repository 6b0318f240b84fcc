package io.telemetryflow.platform.error;

import java.util.Objects;

/**
 * A request the platform refuses for a reason the caller can act on (or wait out). The web layer turns it into
 * problem details with the matching status; services throw it instead of returning error codes.
 * {@code field} names the offending request field, when there is one.
 */
public class Rejected extends RuntimeException {

    public enum Reason {
        INVALID(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_MANY_REQUESTS(429),
        SERVICE_UNAVAILABLE(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final String field;
    private final int retryAfterSeconds;

    public Rejected(Reason reason, String field, String detail, int retryAfterSeconds) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);   // no stack trace: it is an answer, not a fault
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Rejected invalid(String field, String detail) {
        return new Rejected(Reason.INVALID, field, detail, 0);
    }

    public static Rejected notFound(String what, Object id) {
        return new Rejected(Reason.NOT_FOUND, null, what + " " + id + " not found", 0);
    }

    public static Rejected conflict(String field, String detail) {
        return new Rejected(Reason.CONFLICT, field, detail, 0);
    }

    public static Rejected forbidden(String detail) {
        return new Rejected(Reason.FORBIDDEN, null, detail, 0);
    }

    public static Rejected unauthorized(String detail) {
        return new Rejected(Reason.UNAUTHORIZED, null, detail, 0);
    }

    public static Rejected tooManyRequests(String detail, int retryAfterSeconds) {
        return new Rejected(Reason.TOO_MANY_REQUESTS, null, detail, retryAfterSeconds);
    }

    /** A store the answer needs is down for now: 503 with Retry-After, never a 500 or a partial answer. */
    public static Rejected unavailable(String detail, int retryAfterSeconds) {
        return new Rejected(Reason.SERVICE_UNAVAILABLE, null, detail, retryAfterSeconds);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
