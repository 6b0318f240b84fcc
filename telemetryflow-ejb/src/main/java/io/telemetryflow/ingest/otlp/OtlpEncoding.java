package io.telemetryflow.ingest.otlp;

import java.util.Locale;

/** The two OTLP/HTTP payload encodings; a response always uses the encoding of its request. */
public enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    OtlpEncoding(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type to send with a response in this encoding. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The encoding a {@code Content-Type} header names. Parameters such as {@code charset} are ignored (OTLP/JSON
     * is always UTF-8) and the comparison is case-insensitive, as media types are.
     *
     * @throws OtlpException 415 for a missing or any other media type
     */
    public static OtlpEncoding fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw OtlpException.unsupportedMediaType("missing Content-Type; use application/x-protobuf or application/json");
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        for (OtlpEncoding encoding : values()) {
            if (encoding.mediaType.equals(type)) {
                return encoding;
            }
        }
        throw OtlpException.unsupportedMediaType("unsupported Content-Type " + OtlpException.quote(contentType)
                + "; use application/x-protobuf or application/json");
    }

    /** The encoding for answering a request: the one its Content-Type names, else protobuf (the spec's default). */
    public static OtlpEncoding ofResponseTo(String contentType) {
        try {
            return fromContentType(contentType);
        } catch (OtlpException e) {
            return PROTOBUF;
        }
    }
}
