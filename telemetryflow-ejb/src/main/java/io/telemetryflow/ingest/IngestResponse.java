package io.telemetryflow.ingest;

import com.google.rpc.Status;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpCodec;
import io.telemetryflow.platform.error.Rejected;

/** What the OTLP endpoint answers: status, body in the request's encoding, and Retry-After when throttled. */
public record IngestResponse(int status, String contentType, byte[] body, Integer retryAfterSeconds) {

    /** gRPC code UNAVAILABLE, which OTLP clients retry. */
    static final int UNAVAILABLE = 14;
    /** gRPC code RESOURCE_EXHAUSTED, for 429. */
    static final int RESOURCE_EXHAUSTED = 8;

    public static IngestResponse of(int status, String contentType, byte[] body) {
        return new IngestResponse(status, contentType, body, null);
    }

    /** A refusal with the {@code google.rpc.Status} body the OTLP specification asks for, encoded like the request. */
    public static IngestResponse error(OtlpEncoding encoding, int httpStatus, int grpcCode, String message) {
        Status status = Status.newBuilder().setCode(grpcCode).setMessage(message).build();
        return of(httpStatus, encoding.mediaType(), OtlpCodec.encode(encoding, status));
    }

    /** 503 for a request that could not be queued (the broker or database failed, not the client): retry later. */
    public static IngestResponse unavailable(String requestContentType, int retryAfterSeconds) {
        return error(OtlpEncoding.ofResponseTo(requestContentType), 503, UNAVAILABLE, "the request could not be queued, retry later")
                .retryAfter(retryAfterSeconds);
    }

    /**
     * A request refused before its key was judged: too many failed authentications from its address (429) or no
     * Argon2id permit in time (503); both are retryable, with the refusal's Retry-After.
     */
    public static IngestResponse refused(OtlpEncoding encoding, Rejected refusal) {
        int status = refusal.reason().status();
        return error(encoding, status, status == 429 ? RESOURCE_EXHAUSTED : UNAVAILABLE, refusal.getMessage())
                .retryAfter(Math.max(1, refusal.retryAfterSeconds()));
    }

    public IngestResponse retryAfter(int seconds) {
        return new IngestResponse(status, contentType, body, seconds);
    }
}
