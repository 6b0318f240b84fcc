package io.telemetryflow.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * OTLP/HTTP bodies to messages and back, per the OTLP specification: binary protobuf or OTLP/JSON chosen by
 * Content-Type, optional gzip, and a size limit that holds after decompression. Requests it refuses raise an
 * {@link OtlpException} carrying the HTTP status (400, 413, 415); {@link #encodeError} turns that into the
 * {@code google.rpc.Status} body the spec requires. Stateless and thread-safe.
 */
public final class OtlpCodec {

    /** The limit the spec recommends, applied to the body both as received and after decompression. */
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;

    private final long maxBodyBytes;

    public OtlpCodec() {
        this(DEFAULT_MAX_BODY_BYTES);
    }

    public OtlpCodec(long maxBodyBytes) {
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and ~2 GiB: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Decodes a request body. An empty body is a valid empty request.
     *
     * @param contentType the Content-Type header (required)
     * @param contentEncoding the Content-Encoding header: {@code gzip}, {@code identity} or null
     * @param declaredLength the Content-Length header, or -1 when the body is chunked
     * @throws OtlpException 415 for another media type or encoding, 413 when the body is larger than the limit before
     *         or after decompression (without reading any of it when the declared length says so), 400 when it cannot
     *         be decoded
     * @throws IOException when reading {@code body} itself fails (the connection, not the content)
     */
    public OtlpRequest decode(OtlpSignal signal, String contentType, String contentEncoding, long declaredLength,
                              InputStream body) throws IOException {
        OtlpEncoding encoding = OtlpEncoding.fromContentType(contentType);
        boolean gzip = isGzip(contentEncoding, encoding);
        if (declaredLength > maxBodyBytes) {
            throw tooLarge(encoding, "request body");
        }
        byte[] payload = read(body, gzip, encoding);
        Message message = parse(signal, encoding, payload);
        return new OtlpRequest(signal, encoding, message, encoding == OtlpEncoding.PROTOBUF && payload.length > 0 ? payload : null);
    }

    /** {@link #decode(OtlpSignal, String, String, InputStream)} for a body already in memory. */
    public OtlpRequest decode(OtlpSignal signal, String contentType, String contentEncoding, byte[] body) {
        try {
            return decode(signal, contentType, contentEncoding, body.length, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
        }
    }

    /** A response message (an {@code Export*ServiceResponse}) as the body for {@code encoding}'s media type. */
    public static byte[] encode(OtlpEncoding encoding, Message response) {
        return switch (encoding) {
            case PROTOBUF -> response.toByteArray();
            case JSON -> OtlpJson.print(response).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** The {@code google.rpc.Status} body for a refused request, in {@link OtlpException#responseEncoding()}. */
    public byte[] encodeError(OtlpException error) {
        return encode(error.responseEncoding(), error.toStatus());
    }

    private static boolean isGzip(String contentEncoding, OtlpEncoding encoding) {
        if (contentEncoding == null) {
            return false;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity")) {
            return false;
        }
        if (coding.equals("gzip") || coding.equals("x-gzip")) { // RFC 9110: x-gzip is the same coding
            return true;
        }
        throw OtlpException.unsupportedMediaType(encoding, "unsupported Content-Encoding " + OtlpException.quote(contentEncoding)
                + "; use gzip or identity");
    }

    private byte[] read(InputStream body, boolean gzip, OtlpEncoding encoding) throws IOException {
        InputStream raw = new BoundedInputStream(body, maxBodyBytes, () -> tooLarge(encoding, "request body"));
        if (!gzip) {
            return raw.readAllBytes();
        }
        PushbackInputStream compressed = new PushbackInputStream(raw, 1);
        int first = compressed.read();
        if (first < 0) {
            return new byte[0]; // empty is empty, whatever the header says
        }
        compressed.unread(first);
        try (InputStream inflated = new BoundedInputStream(new GZIPInputStream(compressed), maxBodyBytes,
                () -> tooLarge(encoding, "decompressed request body"))) {
            return inflated.readAllBytes();
        } catch (ZipException | EOFException e) {
            // GZIPInputStream's way of saying "not gzip", "corrupt" or "truncated"; other IOExceptions are the transport's
            throw OtlpException.badRequest(encoding, "invalid gzip body: " + e.getMessage());
        }
    }

    private OtlpException tooLarge(OtlpEncoding encoding, String what) {
        return OtlpException.contentTooLarge(encoding, what + " is larger than " + maxBodyBytes + " bytes");
    }

    private static Message parse(OtlpSignal signal, OtlpEncoding encoding, byte[] payload) {
        if (payload.length == 0) {
            return signal.emptyRequest();
        }
        try {
            return switch (encoding) {
                case PROTOBUF -> signal.emptyRequest().getParserForType().parseFrom(payload);
                case JSON -> OtlpJson.merge(utf8(payload, encoding), signal.emptyRequest().newBuilderForType()).build();
            };
        } catch (InvalidProtocolBufferException e) {
            String what = encoding == OtlpEncoding.JSON ? "invalid OTLP/JSON " : "invalid OTLP protobuf ";
            throw OtlpException.badRequest(encoding, what + signal.emptyRequest().getDescriptorForType().getName()
                    + ": " + e.getMessage());
        }
    }

    /** JSON is UTF-8 (RFC 8259); a strict decoder reports bad bytes instead of turning them into U+FFFD. */
    private static String utf8(byte[] payload, OtlpEncoding encoding) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw OtlpException.badRequest(encoding, "OTLP/JSON body is not valid UTF-8");
        }
    }
}
