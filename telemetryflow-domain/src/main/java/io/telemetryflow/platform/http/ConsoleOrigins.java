package io.telemetryflow.platform.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser pages may open a socket to the platform (the live tail): the console's own origin (that of
 * {@code telemetryflow.public-url}) and those listed in {@code telemetryflow.console.allowed-origins}. A request
 * without {@code Origin} comes from a client that is not a browser (browsers always send it on a WebSocket
 * handshake) and is allowed: the check exists so that a page of another site cannot use a visitor's browser as its
 * client. Origins are compared as scheme, host and port (default ports left out, case ignored), never by resolving
 * names; {@code null} (sandboxed pages, files) and anything that is not an http(s) origin are refused.
 */
public final class ConsoleOrigins {

    private final Set<String> allowed;

    private ConsoleOrigins(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * The console's origin (of {@code publicUrl}) and the comma-separated {@code allowedOrigins}. Throws
     * {@link IllegalArgumentException} naming the first entry that is not an http(s) URL.
     */
    public static ConsoleOrigins of(String publicUrl, String allowedOrigins) {
        Set<String> allowed = new HashSet<>();
        allowed.add(origin(publicUrl).orElseThrow(() -> new IllegalArgumentException(
                "telemetryflow.public-url: '" + publicUrl + "' is not an http(s) URL")));
        for (String entry : allowedOrigins == null ? new String[0] : allowedOrigins.split(",")) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) {
                allowed.add(origin(trimmed).orElseThrow(() -> new IllegalArgumentException(
                        "telemetryflow.console.allowed-origins: '" + trimmed + "' is not an http(s) origin")));
            }
        }
        return new ConsoleOrigins(allowed);
    }

    /** Whether a handshake with this {@code Origin} header (null when absent) may proceed. */
    public boolean allows(String originHeader) {
        if (originHeader == null) {
            return true;
        }
        return origin(originHeader.strip()).map(allowed::contains).orElse(false);
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or empty for anything but an http(s) URL. */
    public static Optional<String> origin(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
