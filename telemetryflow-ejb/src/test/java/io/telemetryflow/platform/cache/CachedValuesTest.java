package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.apikey.ApiKeyId;
import io.telemetryflow.apikey.ApiKeyPrincipal;
import io.telemetryflow.apikey.ApiKeyScope;
import io.telemetryflow.apikey.ApiKeyVerdict;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.ScopedGrant;
import io.telemetryflow.iam.UserAccess;
import io.telemetryflow.iam.UserStatus;
import io.telemetryflow.tenancy.TenantPlacement;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of value the platform keeps in the two-level cache survives sealing and the deserialization allow-list
 * ({@link CacheSerialization}): a type missing from the list would silently never be shared through L2.
 */
class CachedValuesTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final UUID TENANT = UUID.randomUUID();

    private final CacheSeal seal = new CacheSeal(new byte[32]);

    static List<Serializable> cachedValues() {
        ApiKeyPrincipal principal = new ApiKeyPrincipal(UUID.randomUUID(), ApiKeyId.generate(new SecureRandom()),
                ApiKeyScope.tenant(ORGANIZATION, WORKSPACE, TENANT), List.of(Permission.TRACES_WRITE, Permission.LOGS_WRITE),
                Instant.parse("2030-01-01T00:00:00Z"));
        return List.of(
                // AccessDirectory
                new UserAccess(UUID.randomUUID(), "a@example.com", "Ada", "Lovelace", ORGANIZATION, WORKSPACE, null, UserStatus.ACTIVE,
                        Set.of("Super Administrator", "Viewer"), Set.of(Permission.METRICS_READ, Permission.parse("*:*")),
                        List.of(new ScopedGrant(WORKSPACE, TENANT, Set.of(Permission.LOGS_READ)), new ScopedGrant(WORKSPACE, null, Set.of()))),
                // ApiKeyVerifier
                ApiKeyVerdict.accepted(principal),
                ApiKeyVerdict.accepted(new ApiKeyPrincipal(principal.id(), principal.keyId(), principal.scope(), List.of(), null)),
                ApiKeyVerdict.rejected("wrong secret"),
                // TenantDirectory
                new TenantPlacement.Lookup(new TenantPlacement(ORGANIZATION, WORKSPACE, TENANT), true),
                new TenantPlacement.Lookup(null, false),
                // TelemetryCache
                "{\"series\":[]}");
    }

    @ParameterizedTest
    @MethodSource("cachedValues")
    void survivesSealingAndTheAllowList(Serializable value) {
        byte[] sealed = seal.seal("ns:t:g0:k", value, NOW + 1_000);
        assertThat(seal.open("ns:t:g0:k", sealed, NOW)).hasValueSatisfying(opened -> assertThat(opened.value()).isEqualTo(value));
    }

    @Test
    void aTypeOfOursThatIsNotCachedIsNotOnTheList() {
        var caller = new UserAccess(UUID.randomUUID(), "a@example.com", "A", "B", ORGANIZATION, WORKSPACE, null, UserStatus.ACTIVE,
                Set.of(), Set.of(), List.of()).asCaller("session");
        assertThat(seal.open("ns:t:g0:k", seal.seal("ns:t:g0:k", caller, NOW + 1_000), NOW)).isEmpty();
    }
}
