package io.telemetryflow.ingest.otlp;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Set;

/**
 * OTLP/JSON: the proto3 JSON mapping with the OTLP specification's deviations. Protobuf's {@link JsonFormat} does
 * everything except one: {@code traceId}, {@code spanId} and {@code parentSpanId} (in spans, links, log records and
 * exemplars) are hex strings where proto3 JSON has base64. So the JSON is streamed once, token by token, alongside
 * the message descriptors, rewriting exactly those fields, and the result goes to {@code JsonFormat}. The other
 * deviations are what {@code JsonFormat} does anyway: lowerCamelCase keys, 64-bit integers as strings or numbers,
 * enums as integers (their names are accepted too, though senders must not use them), and unknown fields ignored
 * — which the spec requires so that newer senders keep working. The same pass refuses number literals that would
 * cost JsonFormat unbounded work ({@link OtlpJsonNumbers}).
 */
public final class OtlpJson {

    /** The bytes fields that OTLP/JSON writes as hex; the spec says so for every message that has them. */
    private static final Set<String> ID_FIELDS = Set.of("trace_id", "span_id", "parent_span_id");
    /**
     * Deep enough for any real payload (JsonFormat itself stops at 100 nested messages); it keeps a hostile
     * "[[[[…" from costing more than this much stack anywhere.
     */
    private static final int MAX_DEPTH = 200;

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .printingEnumsAsInts()
            .omittingInsignificantWhitespace()
            // google.rpc.Status error bodies carry a BadRequest in an Any
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(BadRequest.getDescriptor()).build());

    private OtlpJson() {
    }

    /**
     * Merges an OTLP/JSON document into {@code builder}.
     *
     * @throws InvalidProtocolBufferException for malformed JSON, a top level that is not an object, an id that is
     *         not hex, or a value JsonFormat cannot map; the message says which and where
     */
    public static <B extends Message.Builder> B merge(String json, B builder) throws InvalidProtocolBufferException {
        String proto3Json;
        try {
            proto3Json = rewriteIds(json, builder.getDescriptorForType(), OtlpJson::hexToBase64, true);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            // the source is a String, so any other IOException is Gson's report of malformed JSON
            throw new InvalidProtocolBufferException("malformed JSON: " + forClients(e.getMessage()));
        }
        PARSER.merge(proto3Json, builder);
        return builder;
    }

    /** Prints a message as OTLP/JSON: compact, enums as integers, ids as lower-case hex. */
    public static String print(MessageOrBuilder message) {
        try {
            return rewriteIds(PRINTER.print(message), message.getDescriptorForType(), OtlpJson::base64ToHex, false);
        } catch (IOException e) {
            // only an Any of a type outside the registry, or a bug: nothing a caller could handle
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IdRewrite {
        String apply(String value, String jsonPath) throws InvalidProtocolBufferException;
    }

    /** What the stream is inside: an object of a known message type (else null), or an array of a field's values. */
    private record Scope(boolean array, Descriptor type, FieldDescriptor field) {
    }

    /**
     * Copies JSON token by token, replacing the values of id fields. Iterative with an explicit stack, so nesting
     * depth costs no Java stack; numbers are copied as written, so no precision is lost. Strict: comments, single
     * quotes, trailing commas or a second top-level value are malformed JSON. With {@code checkNumbers}, number
     * literals JsonFormat would spend unbounded work on are refused ({@link OtlpJsonNumbers}).
     */
    private static String rewriteIds(String json, Descriptor root, IdRewrite rewrite, boolean checkNumbers) throws IOException {
        JsonReader in = new JsonReader(new StringReader(json));
        in.setStrictness(Strictness.STRICT);
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            throw new InvalidProtocolBufferException("OTLP/JSON body must be a JSON object");
        }
        StringWriter text = new StringWriter(json.length() + 64);
        JsonWriter out = new JsonWriter(text);
        out.setSerializeNulls(true);
        Deque<Scope> scopes = new ArrayDeque<>();
        do {
            JsonToken token = in.peek();
            if (token == JsonToken.END_OBJECT) {
                in.endObject();
                out.endObject();
                scopes.pop();
                continue;
            }
            if (token == JsonToken.END_ARRAY) {
                in.endArray();
                out.endArray();
                scopes.pop();
                continue;
            }
            Scope scope = scopes.peek();
            FieldDescriptor field = null;
            if (scope != null && !scope.array()) {
                String name = in.nextName();
                out.name(name);
                field = find(scope.type(), name);
                token = in.peek();
            } else if (scope != null) {
                field = scope.field();
            }
            if ((token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY) && scopes.size() >= MAX_DEPTH) {
                throw new InvalidProtocolBufferException("JSON nested more than " + MAX_DEPTH + " levels deep");
            }
            switch (token) {
                case BEGIN_OBJECT -> {
                    scopes.push(new Scope(false, scope == null ? root : messageType(field), null));
                    in.beginObject();
                    out.beginObject();
                }
                case BEGIN_ARRAY -> {
                    scopes.push(new Scope(true, null, field));
                    in.beginArray();
                    out.beginArray();
                }
                case STRING -> {
                    String path = in.getPath();
                    String value = in.nextString();
                    if (checkNumbers) {
                        OtlpJsonNumbers.check(field, value, true, path);
                    }
                    out.value(isId(field) ? rewrite.apply(value, path) : value);
                }
                case NUMBER -> {
                    String path = in.getPath();
                    String literal = in.nextString();
                    if (checkNumbers) {
                        OtlpJsonNumbers.check(field, literal, false, path);
                    }
                    out.jsonValue(literal);
                }
                case BOOLEAN -> out.value(in.nextBoolean());
                case NULL -> {
                    in.nextNull();
                    out.nullValue();
                }
                default -> throw new MalformedJsonException("unexpected " + token + " at " + in.getPath());
            }
        } while (!scopes.isEmpty());
        if (in.peek() != JsonToken.END_DOCUMENT) {
            throw new InvalidProtocolBufferException("unexpected content after the top-level JSON object");
        }
        out.flush();
        return text.toString();
    }

    /**
     * Gson's message without what only its API users can act on: a first line like "Use
     * JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON at line 1 column 3 path $." and a link.
     */
    private static String forClients(String gsonMessage) {
        String firstLine = String.valueOf(gsonMessage).lines().findFirst().orElse("");
        return firstLine.replaceFirst("^Use JsonReader\\.setStrictness\\(.*?\\) to accept malformed JSON", "syntax error");
    }

    /** The field a JSON key names; JsonFormat accepts the proto name as well as the lowerCamelCase one. */
    private static FieldDescriptor find(Descriptor type, String key) {
        if (type == null) {
            return null;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJsonName().equals(key) || field.getName().equals(key)) {
                return field;
            }
        }
        return null; // unknown: JsonFormat will ignore it, so does the rewrite
    }

    private static Descriptor messageType(FieldDescriptor field) {
        return field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
                ? field.getMessageType() : null;
    }

    private static boolean isId(FieldDescriptor field) {
        return field != null && field.getType() == FieldDescriptor.Type.BYTES && ID_FIELDS.contains(field.getName());
    }

    private static String hexToBase64(String hex, String path) throws InvalidProtocolBufferException {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)); // either case, as the spec says
        } catch (IllegalArgumentException e) {
            throw new InvalidProtocolBufferException(path + " must be a hex string (OTLP/JSON ids are hex, not base64), got "
                    + OtlpException.quote(hex));
        }
    }

    private static String base64ToHex(String base64, String path) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(base64)); // JsonFormat's own output: always valid
    }
}
