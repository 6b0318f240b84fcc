package io.telemetryflow.auth.web;

import java.util.regex.Pattern;

/**
 * The console's refresh token as a cookie: {@code HttpOnly} so no script (nor an injected one) reads it,
 * {@code SameSite=Strict}, {@code Path} the session endpoints only (no other request carries it), {@code Secure} when
 * the request came over TLS or users open the console over https, and a {@code Max-Age} that ends with the token.
 */
final class RefreshCookie {

    static final String NAME = "tf_refresh";

    /** What a refresh token is made of (a prefix and URL-safe Base64): nothing that needs quoting in a cookie. */
    private static final Pattern COOKIE_SAFE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final String path;
    private final boolean secure;

    RefreshCookie(String path, boolean secure) {
        this.path = path;
        this.secure = secure;
    }

    /**
     * The cookie for a request that came over TLS or not, where users open the console at {@code publicUrl}: behind a
     * proxy that ends TLS the node sees http, and the public URL's https still keeps the cookie off plain connections.
     */
    static RefreshCookie forRequest(String path, boolean overTls, String publicUrl) {
        return new RefreshCookie(path, overTls || publicUrl.regionMatches(true, 0, "https:", 0, "https:".length()));
    }

    /** Whether a cookie's value can be a refresh token at all: one that cannot is refused before any lookup. */
    static boolean wellFormed(String value) {
        return value != null && COOKIE_SAFE.matcher(value).matches();
    }

    /** The {@code Set-Cookie} value that hands the browser this token for {@code maxAgeSeconds}. */
    String holding(String token, long maxAgeSeconds) {
        if (!wellFormed(token)) {
            throw new IllegalArgumentException("not a refresh token");
        }
        return header(token, Math.max(0, maxAgeSeconds));
    }

    /** The {@code Set-Cookie} value that makes the browser drop the cookie. */
    String cleared() {
        return header("", 0);
    }

    private String header(String value, long maxAgeSeconds) {
        return NAME + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSeconds + (secure ? "; Secure" : "");
    }
}
