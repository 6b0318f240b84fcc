package io.telemetryflow.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefreshCookieTest {

    private static final String TOKEN = "tfr_Zm9vYmFyYmF6cXV4LWZvb2Jhci1iYXpxdXhfZm9vYmE";

    @Test
    void theCookieIsHttpOnlyStrictAndOnlyForTheSessionEndpoints() {
        assertThat(new RefreshCookie("/api/v2/auth/session", false).holding(TOKEN, 604_800))
                .isEqualTo("tf_refresh=" + TOKEN + "; Path=/api/v2/auth/session; HttpOnly; SameSite=Strict; Max-Age=604800");
    }

    @Test
    void overTlsTheCookieIsSecure() {
        assertThat(new RefreshCookie("/api/v2/auth/session", true).holding(TOKEN, 60)).endsWith("; Max-Age=60; Secure");
        assertThat(new RefreshCookie("/api/v2/auth/session", true).cleared()).endsWith("; Max-Age=0; Secure");
    }

    @Test
    void behindAProxyThatEndsTlsThePublicUrlsSchemeDecides() {
        assertThat(RefreshCookie.forRequest("/p", false, "https://console.example.com").cleared()).endsWith("; Secure");
        assertThat(RefreshCookie.forRequest("/p", false, "HTTPS://console.example.com").holding(TOKEN, 1)).endsWith("; Secure");
        assertThat(RefreshCookie.forRequest("/p", true, "http://localhost:8080").holding(TOKEN, 1)).endsWith("; Secure");
        assertThat(RefreshCookie.forRequest("/p", false, "http://localhost:8080").holding(TOKEN, 1)).doesNotContain("Secure");
    }

    @Test
    void clearingSetsNoValueAndNoLifetime() {
        assertThat(new RefreshCookie("/api/v2/auth/session", false).cleared())
                .isEqualTo("tf_refresh=; Path=/api/v2/auth/session; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    @Test
    void anExpiredTokenGetsNoNegativeLifetime() {
        assertThat(new RefreshCookie("/p", false).holding(TOKEN, -5)).contains("; Max-Age=0");
    }

    @Test
    void aValueThatWouldNeedQuotingOrCouldAddAttributesIsRefused() {
        RefreshCookie cookie = new RefreshCookie("/p", false);
        assertThatThrownBy(() -> cookie.holding("tfr_a; Domain=example.com", 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cookie.holding("", 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cookie.holding("tfr_\"x\"", 60)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAValueShapedLikeARefreshTokenIsLookedUp() {
        assertThat(RefreshCookie.wellFormed(TOKEN)).isTrue();
        assertThat(RefreshCookie.wellFormed(null)).isFalse();
        assertThat(RefreshCookie.wellFormed("")).isFalse();
        assertThat(RefreshCookie.wellFormed("a".repeat(101))).as("longer than any token").isFalse();
        assertThat(RefreshCookie.wellFormed("tok en;")).isFalse();
    }
}
