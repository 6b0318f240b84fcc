package io.telemetryflow.apikey;

import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.cache.CacheKey;
import io.telemetryflow.platform.cache.CacheProfile;
import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.platform.ratelimit.FailureBudget;
import io.telemetryflow.platform.security.Argon2Gate;
import io.telemetryflow.platform.security.SecureTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Checks presented API key pairs. Argon2id costs tens of milliseconds by design, so each distinct
 * (key id, secret) pair is hashed once and its verdict cached cluster-wide for a few minutes, keyed
 * by a SHA-256 digest of the secret (never the secret itself). Rejections are cached too, briefly and on this
 * node only (random key ids must not fill the cluster's cache), so replaying a wrong secret costs nothing. Work before
 * a verdict is bounded: a client address that has used up its budget of failures is refused (429) before the database
 * lookup and the Argon2id check, and Argon2id checks wait for a permit of the node's {@link Argon2Gate} (503 when none
 * frees up). Revoking or rotating a key drops its cached verdicts at
 * once by bumping the key's generation in the cache. Expiry is checked on every use, cached or not. A key whose
 * organization, workspace or tenant is deleted or inactive is refused like a revoked one; changing those drops the
 * verdicts of the keys scoped there the same way.
 */
public class ApiKeyVerifier {

    static final String CACHE_NAMESPACE = "apikey-verdict";
    /** SHORT: L2 5 minutes, the verdict TTL the platform promises. */
    static final CacheProfile VERDICT_PROFILE = CacheProfile.SHORT;

    /**
     * What verification needs to know about a stored key, read in one go; {@code scopeLive} is false once a level of
     * its scope is deleted or inactive.
     */
    public record StoredKey(UUID id, ApiKeyId keyId, ApiKeyScope scope, List<Permission> permissions, Instant expiresAt,
                            boolean revoked, boolean scopeLive, String secretHash, String previousSecretHash,
                            Instant previousSecretValidUntil) {
    }

    private final Function<ApiKeyId, Optional<StoredKey>> lookup;
    private final Argon2Gate argon2;
    private final TwoLevelCache cache;
    private final FailureBudget failuresPerAddress;
    private final Clock clock;

    public ApiKeyVerifier(Function<ApiKeyId, Optional<StoredKey>> lookup, Argon2Gate argon2, TwoLevelCache cache,
                          FailureBudget failuresPerAddress, Clock clock) {
        this.lookup = lookup;
        this.argon2 = argon2;
        this.cache = cache;
        this.failuresPerAddress = failuresPerAddress;
        this.clock = clock;
    }

    /**
     * Verifies the raw header values; malformed values are rejected without touching storage.
     *
     * @param clientAddress whose budget of failures a lookup needs and a rejection spends
     * @throws io.telemetryflow.platform.error.Rejected 429 when the address has no failure left and the pair's verdict is
     *         not cached, 503 when no Argon2id permit freed up in time
     */
    public ApiKeyVerdict verify(String presentedKeyId, String presentedSecret, String clientAddress) {
        if (presentedKeyId == null || presentedSecret == null) {
            return ApiKeyVerdict.rejected("missing X-API-Key-ID or X-API-Key-Secret");
        }
        ApiKeyId keyId;
        ApiKeySecret secret;
        try {
            keyId = new ApiKeyId(presentedKeyId);
            secret = new ApiKeySecret(presentedSecret);
        } catch (IllegalArgumentException e) {
            return ApiKeyVerdict.rejected("malformed API key");
        }
        CacheKey cacheKey = new CacheKey(CACHE_NAMESPACE, keyId.value(), SecureTokens.sha256Hex(secret.reveal()));
        ApiKeyVerdict verdict = cache.getOrCompute(cacheKey, VERDICT_PROFILE, () -> {
            failuresPerAddress.requireLeft(clientAddress);
            return verifyAgainstStore(keyId, secret);
        }, rejection -> rejection.accepted().isEmpty());
        Optional<ApiKeyPrincipal> principal = verdict.accepted();
        if (principal.isPresent() && principal.get().expiredAt(clock.instant())) {
            verdict = ApiKeyVerdict.rejected("API key " + keyId + " expired");
        }
        if (verdict.accepted().isEmpty()) {
            failuresPerAddress.spend(clientAddress);
        }
        return verdict;
    }

    /** Drops every cached verdict of the key, on every node: call after revoke, rotate, delete or a change of its scope. */
    public void forget(ApiKeyId keyId) {
        cache.invalidateTenant(keyId.value());
    }

    private ApiKeyVerdict verifyAgainstStore(ApiKeyId keyId, ApiKeySecret secret) {
        Optional<StoredKey> found = lookup.apply(keyId);
        if (found.isEmpty()) {
            return ApiKeyVerdict.rejected("unknown API key " + keyId);
        }
        StoredKey key = found.get();
        if (key.revoked()) {
            return ApiKeyVerdict.rejected("API key " + keyId + " is revoked");
        }
        if (!key.scopeLive()) {
            return ApiKeyVerdict.rejected("API key " + keyId + " belongs to a deleted or inactive organization, workspace or tenant");
        }
        Instant validUntil = key.expiresAt();
        if (!argon2.verify(secret.reveal(), key.secretHash())) {
            boolean inGrace = key.previousSecretHash() != null && key.previousSecretValidUntil() != null
                    && clock.instant().isBefore(key.previousSecretValidUntil());
            if (!inGrace || !argon2.verify(secret.reveal(), key.previousSecretHash())) {
                return ApiKeyVerdict.rejected("wrong secret for API key " + keyId);
            }
            // a rotated-out secret lives until its grace period ends, even from the cache
            validUntil = validUntil == null || key.previousSecretValidUntil().isBefore(validUntil) ? key.previousSecretValidUntil() : validUntil;
        }
        return ApiKeyVerdict.accepted(new ApiKeyPrincipal(key.id(), keyId, key.scope(), key.permissions(), validUntil));
    }
}
