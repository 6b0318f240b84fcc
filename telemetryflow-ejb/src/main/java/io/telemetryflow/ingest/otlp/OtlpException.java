package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.Status;

/**
 * An OTLP/HTTP request the codec refuses: the HTTP status to answer with (400, 413 or 415) and a message that is
 * safe to send to the client (it names what was wrong, never internals or a stack trace). All three are permanent
 * failures the client must not retry.
 */
public final class OtlpException extends RuntimeException {

    public static final int BAD_REQUEST = 400;
    public static final int CONTENT_TOO_LARGE = 413;
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final int httpStatus;
    private final OtlpEncoding encoding; // null while the Content-Type was not understood

    /** Parser messages may quote the offending input, which can be anything up to the body size limit. */
    private static final int MAX_MESSAGE_LENGTH = 512;

    private OtlpException(int httpStatus, String message, OtlpEncoding encoding) {
        // a client error, possibly one per request under attack: no stack trace to fill or to leak
        super(message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) + "…" : message, null, false, false);
        this.httpStatus = httpStatus;
        this.encoding = encoding;
    }

    public static OtlpException badRequest(OtlpEncoding encoding, String message) {
        return new OtlpException(BAD_REQUEST, message, encoding);
    }

    public static OtlpException contentTooLarge(OtlpEncoding encoding, String message) {
        return new OtlpException(CONTENT_TOO_LARGE, message, encoding);
    }

    /** A Content-Type that is not understood: the answer is in protobuf. */
    public static OtlpException unsupportedMediaType(String message) {
        return new OtlpException(UNSUPPORTED_MEDIA_TYPE, message, null);
    }

    /** A Content-Encoding that is not understood, in a request whose Content-Type was: the answer is in that encoding. */
    public static OtlpException unsupportedMediaType(OtlpEncoding encoding, String message) {
        return new OtlpException(UNSUPPORTED_MEDIA_TYPE, message, encoding);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The encoding of the error body: the request's when it was understood, else protobuf (the spec's default). */
    public OtlpEncoding responseEncoding() {
        return encoding == null ? OtlpEncoding.PROTOBUF : encoding;
    }

    /**
     * The {@code google.rpc.Status} body the spec requires for every 4xx. The spec does not use {@code code}; it is
     * INVALID_ARGUMENT, which its gRPC table lists as not retryable, like all three failures here. A 400 also
     * carries a {@code BadRequest} detail, as the spec recommends for bad data.
     */
    public Status toStatus() {
        Status.Builder status = Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(getMessage());
        if (httpStatus == BAD_REQUEST) {
            status.addDetails(Any.pack(BadRequest.newBuilder()
                    .addFieldViolations(BadRequest.FieldViolation.newBuilder().setDescription(getMessage()))
                    .build()));
        }
        return status.build();
    }

    /** A client-supplied value, quoted and cut short, for use in a message. */
    static String quote(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
