package io.telemetryflow.telemetry.logs;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.security.SecretBox;
import io.telemetryflow.telemetry.TimeRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where the next page of a log search starts. Records are ordered by {@code (timestamp, row_key)} descending, where
 * {@code row_key} hashes every column a page shows ({@link LogsSql#ROW_KEY}: otel_logs has no id), so records with
 * equal timestamps still have one fixed order. The cursor holds the last record's {@code (timestamp, row_key)} and
 * {@code skip}, how many records with exactly that key the pages so far have shown: records with equal keys are
 * identical in every shown column, so the next page skips that many of them and neither repeats nor loses one.
 * <p>
 * It also pins the range the first page resolved ({@code now} stays the first page's now, so newer records never
 * shift the pages), carries that page's total, and the fingerprint of the query it belongs to. It is sealed with the
 * platform's encryption key (AES-GCM, {@link SecretBox}) and sent as base64url: opaque to clients, and any change,
 * or use with another query, is a 400.
 */
record LogCursor(byte[] fingerprint, TimeRange range, long lastTimeNanos, long lastRowKey, int skip, long total) {

    private static final byte VERSION = 1;
    static final int MAX_LENGTH = 1000;
    static final int FINGERPRINT_BYTES = 16;
    /** {@link SecretBox}'s format: this prefix and standard base64; the cursor is the same bytes in base64url. */
    private static final String SEALED_PREFIX = "v1:";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    LogCursor {
        fingerprint = Arrays.copyOf(fingerprint, FINGERPRINT_BYTES);
    }

    String seal(SecretBox box) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(fingerprint);
            out.writeLong(range.fromNanos());
            out.writeLong(range.toNanos());
            out.writeLong(lastTimeNanos);
            out.writeLong(lastRowKey);
            out.writeInt(skip);
            out.writeLong(total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sealed = box.encrypt(bytes.toByteArray());
        return URL.encodeToString(Base64.getDecoder().decode(sealed.substring(SEALED_PREFIX.length())));
    }

    /** The cursor in {@code text}, which must come from a page of the query with {@code fingerprint}; otherwise a 400. */
    static LogCursor open(String text, SecretBox box, byte[] fingerprint) {
        if (text.length() > MAX_LENGTH) {
            throw invalid();
        }
        byte[] payload;
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(text);
            if (!URL.encodeToString(sealed).equals(text)) {   // only the canonical spelling: every character counts
                throw invalid();
            }
            payload = box.decrypt(SEALED_PREFIX + Base64.getEncoder().encodeToString(sealed));
        } catch (IllegalArgumentException e) {   // not base64url, tampered with, or sealed under another key
            throw invalid();
        }
        LogCursor cursor;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                throw invalid();
            }
            byte[] sealedFingerprint = in.readNBytes(FINGERPRINT_BYTES);
            TimeRange range = TimeRange.of(TimeRange.instant(in.readLong()), TimeRange.instant(in.readLong()));
            cursor = new LogCursor(sealedFingerprint, range, in.readLong(), in.readLong(), in.readInt(), in.readLong());
            if (in.available() != 0) {
                throw invalid();
            }
        } catch (IOException | RuntimeException e) {   // sealed by us, so only a format change gets here
            throw invalid();
        }
        if (cursor.skip < 1 || cursor.total < 0 || cursor.lastTimeNanos < cursor.range.fromNanos()
                || cursor.lastTimeNanos >= cursor.range.toNanos()) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(cursor.fingerprint, Arrays.copyOf(fingerprint, FINGERPRINT_BYTES))) {
            throw Rejected.invalid("cursor", "the cursor belongs to another query: send the same filters and range as the first page, "
                    + "or leave cursor out to start over");
        }
        return cursor;
    }

    /** Where the next page continues, for {@link LogsSql#page}. */
    LogsSql.After after() {
        return new LogsSql.After(lastTimeNanos, lastRowKey);
    }

    /** The range of the next page: from the pinned start up to and including the last record's time. */
    TimeRange remaining() {
        return TimeRange.of(range.from(), TimeRange.instant(lastTimeNanos + 1));
    }


    private static Rejected invalid() {
        return Rejected.invalid("cursor", "cursor is not valid: pass nextCursor of the previous page unchanged");
    }
}
