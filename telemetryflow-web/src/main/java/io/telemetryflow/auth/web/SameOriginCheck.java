package io.telemetryflow.auth.web;

import io.telemetryflow.platform.http.ConsoleOrigins;
import java.util.Optional;

/**
 * The console's cookie endpoints' defence against cross-site request forgery. A browser attaches the refresh cookie
 * to every request to its path, whichever page sends it, so each such request must show that a page of this server
 * sent it:
 * <ul>
 * <li>the header {@code X-TelemetryFlow-CSRF: 1}. A form cannot send a custom header, and a script of another origin
 * can only after a CORS preflight, which /api/v2 never approves;</li>
 * <li>an {@code Origin}, when there is one, of this server: the request's own scheme, host and port, or the origin of
 * {@code telemetryflow.public-url} (the address users open; behind a proxy that ends TLS the request's own scheme is
 * http);</li>
 * <li>a {@code Sec-Fetch-Site}, when there is one, of {@code same-origin}.</li>
 * </ul>
 * The cookie's SameSite=Strict is a second line, not the only one: a "site" spans sibling subdomains and other ports.
 */
public final class SameOriginCheck {

    public static final String HEADER = "X-TelemetryFlow-CSRF";

    private final String consoleOrigin;

    public SameOriginCheck(String publicUrl) {
        consoleOrigin = ConsoleOrigins.origin(publicUrl).orElseThrow(() -> new IllegalArgumentException(
                "telemetryflow.public-url: '" + publicUrl + "' is not an http(s) URL"));
    }

    /**
     * Why the request is refused, or empty when it may proceed. Each header is null when the request lacks it;
     * {@code scheme} and {@code host} (the Host header, with its port) are the request's own.
     */
    public Optional<String> refusal(String csrfHeader, String origin, String fetchSite, String scheme, String host) {
        if (!"1".equals(csrfHeader)) {
            return Optional.of("this endpoint needs the header " + HEADER + ": 1");
        }
        if (origin != null && !fromThisServer(origin.strip(), scheme, host)) {
            return Optional.of("the request comes from another origin (Origin: " + abbreviated(origin) + ")");
        }
        if (fetchSite != null && !fetchSite.strip().equals("same-origin")) {
            return Optional.of("the request comes from another origin (Sec-Fetch-Site: " + abbreviated(fetchSite) + ")");
        }
        return Optional.empty();
    }

    private boolean fromThisServer(String origin, String scheme, String host) {
        Optional<String> normalized = ConsoleOrigins.origin(origin);
        if (normalized.isEmpty()) {
            return false;   // "null" (sandboxed pages, files) and anything that is no http(s) origin
        }
        if (normalized.get().equals(consoleOrigin)) {
            return true;
        }
        return host != null && scheme != null && normalized.equals(ConsoleOrigins.origin(scheme + "://" + host.strip()));
    }

    /** A header quoted back in the answer, bounded: it is the caller's text. */
    private static String abbreviated(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
