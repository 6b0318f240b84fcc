package io.telemetryflow.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Accepted OTLP requests moved together from the otlp-ingestion queue to the otlp-batches queue, so that ClickHouse
 * gets one large insert per table instead of one small insert per request. Each request keeps what its own queue
 * message carried (its id, signal, tenancy, receive time and protobuf payload) unparsed: a request that turns out
 * unreadable is dead-lettered alone.
 * <p>
 * Wire format, version 1: {@code byte version, int count}, then per request {@code UTF requestId, UTF signal,
 * UTF organizationId, UTF workspaceId, UTF tenantId, long receivedAtMillis, int length, byte[length] payload}.
 * The strings are copied from the request message's properties as they were (empty when absent) and validated by
 * the consumer.
 */
record IngestBatch(List<Request> requests) {

    private static final byte VERSION = 1;

    IngestBatch {
        requests = List.copyOf(requests);
    }

    record Request(String requestId, String signal, String organizationId, String workspaceId, String tenantId,
                   long receivedAtMillis, byte[] payload) {

        Request {
            requestId = Objects.requireNonNullElse(requestId, "");
            signal = Objects.requireNonNullElse(signal, "");
            organizationId = Objects.requireNonNullElse(organizationId, "");
            workspaceId = Objects.requireNonNullElse(workspaceId, "");
            tenantId = Objects.requireNonNullElse(tenantId, "");
            Objects.requireNonNull(payload, "payload");
        }
    }

    byte[] encode() {
        int size = 5 + requests.stream().mapToInt(r -> r.payload().length + 200).sum();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(requests.size());
            for (Request request : requests) {
                out.writeUTF(request.requestId());
                out.writeUTF(request.signal());
                out.writeUTF(request.organizationId());
                out.writeUTF(request.workspaceId());
                out.writeUTF(request.tenantId());
                out.writeLong(request.receivedAtMillis());
                out.writeInt(request.payload().length);
                out.write(request.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a complete batch of this format */
    static IngestBatch decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown batch format version " + version);
            }
            int count = in.readInt();
            if (count < 0 || count > bytes.length) {
                throw new IOException("bad request count " + count);
            }
            List<Request> requests = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String requestId = in.readUTF();
                String signal = in.readUTF();
                String organizationId = in.readUTF();
                String workspaceId = in.readUTF();
                String tenantId = in.readUTF();
                long receivedAt = in.readLong();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("bad payload length " + length + " of request " + i);
                }
                requests.add(new Request(requestId, signal, organizationId, workspaceId, tenantId, receivedAt, in.readNBytes(length)));
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes after the last request");
            }
            return new IngestBatch(requests);
        } catch (EOFException e) {
            throw new IOException("truncated batch", e);
        }
    }
}
