package io.telemetryflow.notifications;

import io.telemetryflow.platform.error.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A silence: while {@code startsAt <= now < endsAt}, alerts whose labels match every matcher are not notified
 * (they still fire, are stored and shown). Expiring a silence sets {@code endsAt} to now.
 */
public record Silence(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String comment) {

    public static final Duration MAX_LENGTH = Duration.ofDays(366);
    public static final int MAX_COMMENT = 2000;

    public enum Status {
        PENDING, ACTIVE, EXPIRED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The JSON body of create/update, as sent; times are ISO-8601 instants. */
    public record Spec(List<LabelMatcher.Spec> matchers, String startsAt, String endsAt, String comment) {

        /** The validated silence; a start in the past (or none) starts now. */
        public Silence parse(Instant now) {
            List<LabelMatcher> matchers = LabelMatcher.parseAll("matchers", this.matchers);
            if (matchers.isEmpty()) {
                throw Rejected.invalid("matchers", "matchers must hold at least one matcher");
            }
            if (LabelMatcher.all(matchers, Map.of())) {
                throw Rejected.invalid("matchers", "matchers must not match every alert (at least one must fail on an empty label set)");
            }
            Instant start = startsAt == null ? now : instant("startsAt", startsAt);
            if (start.isBefore(now)) {
                start = now;
            }
            if (endsAt == null) {
                throw Rejected.invalid("endsAt", "endsAt is required");
            }
            Instant end = instant("endsAt", endsAt);
            if (!end.isAfter(start)) {
                throw Rejected.invalid("endsAt", "endsAt must be after startsAt and in the future");
            }
            if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
                throw Rejected.invalid("endsAt", "a silence may last at most 366 days");
            }
            return new Silence(matchers, start, end, TextField.optional("comment", comment, MAX_COMMENT));
        }
    }

    /** A stored silence read back as it was validated (no check against the current time). */
    public static Silence restore(Spec stored) {
        return new Silence(LabelMatcher.parseAll("matchers", stored.matchers()), Instant.parse(stored.startsAt()),
                Instant.parse(stored.endsAt()), stored.comment());
    }

    public Spec spec() {
        return new Spec(LabelMatcher.specs(matchers), startsAt.toString(), endsAt.toString(), comment);
    }

    static Instant instant(String field, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Rejected.invalid(field, field + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    public Status status(Instant now) {
        if (now.isBefore(startsAt)) {
            return Status.PENDING;
        }
        return now.isBefore(endsAt) ? Status.ACTIVE : Status.EXPIRED;
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return status(now) == Status.ACTIVE && LabelMatcher.all(matchers, labels);
    }

    /** This silence ended now (a pending one ends before it starts; an expired one stays as it was). */
    public Silence expire(Instant now) {
        if (status(now) == Status.EXPIRED) {
            return this;
        }
        return new Silence(matchers, startsAt.isAfter(now) ? now : startsAt, now, comment);
    }
}
