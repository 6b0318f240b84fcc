package io.telemetryflow.platform.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One outbound HTTP request. The URL may carry secrets (webhook tokens, bot tokens in the path), so nothing the
 * client reports names more of it than the host and port.
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    /** A POST of {@code json} (UTF-8) with {@code Content-Type: application/json}, plus {@code extraHeaders}. */
    public static OutboundRequest postJson(URI uri, String json, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        return new OutboundRequest("POST", uri, headers, json.getBytes(StandardCharsets.UTF_8));
    }
}
