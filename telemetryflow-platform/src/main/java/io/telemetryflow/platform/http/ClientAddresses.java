package io.telemetryflow.platform.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client address of a request, for per-address throttling and lockout and for the audit trail:
 * the socket peer, or behind a proxy listed in {@code telemetryflow.http.trusted-proxies} what that
 * proxy wrote into {@code X-Forwarded-For} ({@link TrustedProxies}).
 */
@ApplicationScoped
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    @ConfigProperty(name = "telemetryflow.http.trusted-proxies")
    Optional<String> trustedProxiesSetting;

    private TrustedProxies trustedProxies;

    @PostConstruct
    void parse() {
        trustedProxies = TrustedProxies.parse(trustedProxiesSetting.orElse(""));
    }

    public String of(HttpServletRequest request) {
        return trustedProxies.clientAddress(request.getRemoteAddr(), Collections.list(request.getHeaders(FORWARDED_FOR)));
    }
}
