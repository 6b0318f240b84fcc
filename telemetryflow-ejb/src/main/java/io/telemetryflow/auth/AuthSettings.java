package io.telemetryflow.auth;

import io.telemetryflow.auth.session.SessionLifetime;
import io.telemetryflow.iam.LockoutPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authentication settings (docs/configuration.md). Issuer, audience and clock skew keep MicroProfile JWT's
 * names; they are put into the tokens this platform signs and demanded of every token it accepts.
 */
@ApplicationScoped
public class AuthSettings {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String audience;

    /** Seconds of clock difference tolerated for a token's {@code exp} and {@code nbf}. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.access-token-ttl", defaultValue = "PT15M")
    Duration accessTokenTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.refresh-token-ttl", defaultValue = "P7D")
    Duration refreshTokenTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.session-max-lifetime", defaultValue = "P30D")
    Duration sessionMaxLifetime;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.mfa-token-ttl", defaultValue = "PT5M")
    Duration mfaTokenTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.password-change-token-ttl", defaultValue = "PT10M")
    Duration passwordChangeTokenTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.lockout.max-attempts", defaultValue = "5")
    int lockoutMaxAttempts;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.lockout.duration", defaultValue = "PT15M")
    Duration lockoutDuration;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.lockout.account-max-attempts", defaultValue = "20")
    int lockoutAccountMaxAttempts;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.lockout.max-duration", defaultValue = "PT1H")
    Duration lockoutMaxDuration;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.lockout.forget-after", defaultValue = "P1D")
    Duration lockoutForgetAfter;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.login-attempts-per-ip-per-minute", defaultValue = "30")
    int loginAttemptsPerIpPerMinute;

    private LockoutPolicy perAddressLockout;
    private LockoutPolicy accountLockout;
    private SessionLifetime sessionLifetime;

    /** Refuses nonsense lockout and session settings when the first sign-in needs them, with the reason. */
    @PostConstruct
    void policies() {
        sessionLifetime = new SessionLifetime(refreshTokenTtl, sessionMaxLifetime);
        perAddressLockout = LockoutPolicy.fixed(lockoutMaxAttempts, lockoutDuration, lockoutForgetAfter);
        accountLockout = new LockoutPolicy(lockoutAccountMaxAttempts, lockoutDuration, lockoutMaxDuration, lockoutForgetAfter);
    }

    public String issuer() {
        return issuer;
    }

    /** The first configured audience is the one put into tokens. */
    public String audience() {
        return audience.split(",")[0].trim();
    }

    public Duration clockSkew() {
        return Duration.ofSeconds(clockSkewSeconds);
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /**
     * How long a token signed by a key may still be accepted after the key stopped signing: the longest token
     * lifetime (access token, MFA or password-change ticket) plus the verifier's clock skew. A retired key stays
     * published that long.
     */
    public Duration signedTokenLifetime() {
        Duration longest = Stream.of(accessTokenTtl, mfaTokenTtl, passwordChangeTokenTtl).max(Comparator.naturalOrder()).orElseThrow();
        return longest.plusSeconds(clockSkewSeconds);
    }

    /** Each refresh token's lifetime, and the session's from its sign-in, regardless of rotation. */
    public SessionLifetime sessionLifetime() {
        return sessionLifetime;
    }

    public Duration mfaTokenTtl() {
        return mfaTokenTtl;
    }

    public Duration passwordChangeTokenTtl() {
        return passwordChangeTokenTtl;
    }

    /** Failed sign-ins of one email from one client address: {@code lockout.max-attempts} lock it there for {@code lockout.duration}. */
    public LockoutPolicy perAddressLockout() {
        return perAddressLockout;
    }

    /** Failed sign-ins of one email from any address: a higher threshold, and each lock lasts twice the one before, up to a cap. */
    public LockoutPolicy accountLockout() {
        return accountLockout;
    }

    public int loginAttemptsPerIpPerMinute() {
        return loginAttemptsPerIpPerMinute;
    }
}
