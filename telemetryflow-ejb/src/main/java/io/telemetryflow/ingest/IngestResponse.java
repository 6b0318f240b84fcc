package io.telemetryflow.ingest;

/** What the OTLP endpoint answers: status, body in the request's encoding, and Retry-After when throttled. */
public record IngestResponse(int status, String contentType, byte[] body, Integer retryAfterSeconds) {

    public static IngestResponse of(int status, String contentType, byte[] body) {
        return new IngestResponse(status, contentType, body, null);
    }

    public IngestResponse retryAfter(int seconds) {
        return new IngestResponse(status, contentType, body, seconds);
    }
}
