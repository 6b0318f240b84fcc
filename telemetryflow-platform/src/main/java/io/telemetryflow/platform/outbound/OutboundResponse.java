package io.telemetryflow.platform.outbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the receiver answered: status, headers (names lower-case) and the body up to the client's cap
 * ({@code truncated} when it was longer).
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
