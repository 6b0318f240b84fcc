package io.telemetryflow.apikey;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.Places;
import io.telemetryflow.iam.TenancyNodeChanged;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.platform.security.Argon2idHasher;
import io.telemetryflow.platform.transaction.AfterCommit;
import io.telemetryflow.tenancy.Organization;
import io.telemetryflow.tenancy.Tenant;
import io.telemetryflow.tenancy.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API-key management: create, list, read, rotate and revoke keys inside the caller's organization
 * (any organization for a Super Administrator). Keys carry only permissions their creator holds;
 * secrets are returned once and stored as Argon2id hashes. Rotation and revocation drop the key's
 * cached verdicts on every node through {@link ApiKeyVerifier#forget}. Deleting an organization, workspace or tenant
 * revokes the keys scoped to it or below it; switching one on or off drops their verdicts, so that verification
 * re-reads whether their scope is live.
 */
@ApplicationScoped
@Transactional
public class ApiKeyService {

    /** A create request, already shape-checked by the web layer. */
    public record NewApiKey(String name, List<String> permissions, UUID organizationId, UUID workspaceId, UUID tenantId,
                            Instant expiresAt) {
    }

    private static final Permission CREATE = Permission.parse("api-keys:create");
    private static final Permission READ = Permission.parse("api-keys:read");
    private static final Permission ROTATE = Permission.parse("api-keys:rotate");
    private static final Permission REVOKE = Permission.parse("api-keys:revoke");

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyVerifier verifier;

    @Inject
    AfterCommit afterCommit;

    @Inject
    AuditTrail auditTrail;

    /** How long a rotated-out secret keeps working; a rotate request may ask for less. */
    @Inject
    @ConfigProperty(name = "telemetryflow.apikey.rotation-grace", defaultValue = "PT24H")
    Duration rotationGrace;

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();
    private final SecureRandom random = new SecureRandom();
    /** PostgreSQL keeps microseconds: answers show the times exactly as later reads will. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    public ApiKeyView.WithSecret create(Caller caller, NewApiKey request) {
        Instant now = clock.instant();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw Rejected.invalid("name", "name must have 1 to 200 characters");
        }
        ApiKeyScope scope = ApiKeyGrant.scope(caller, request.organizationId(), request.workspaceId(), request.tenantId(), tenancy());
        if (!ApiKeyGrant.allowedOn(caller, CREATE, scope)) {
            throw Rejected.forbidden("you may create API keys only in the workspaces or tenants where you hold " + CREATE);
        }
        List<Permission> permissions = ApiKeyGrant.permissions(caller, request.permissions(), scope);
        Instant expiresAt = ApiKeyGrant.expiry(request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS), now);
        ApiKeySecret secret = ApiKeySecret.generate(random);
        ApiKey key = store.create(new ApiKey(ApiKeyId.generate(random), name, hasher.hash(secret.reveal()), scope, permissions,
                expiresAt, caller.actor(), now));
        audit(caller, "api-key.create", key);
        return new ApiKeyView.WithSecret(ApiKeyView.of(key, now), secret.reveal());
    }

    public Page<ApiKeyView> list(Caller caller, ApiKeyStatus status, String nameContains, PageRequest page) {
        Instant now = clock.instant();
        String name = nameContains == null || nameContains.isBlank() ? null : nameContains.strip();
        // a Super Administrator sees every organization's keys; everyone else only their own organization's, and a
        // caller holding api-keys:read only through roles narrowed to workspaces or tenants only the keys scoped there
        ApiKeyStore.Filter filter = new ApiKeyStore.Filter(caller.superAdministrator() ? null : caller.organizationId(), status, name,
                caller.has(READ) ? null : Places.where(caller, READ));
        List<ApiKeyView> items = store.list(filter, now, page.offset(), page.limit()).stream().map(key -> ApiKeyView.of(key, now)).toList();
        return new Page<>(items, store.count(filter, now), page.limit(), page.offset());
    }

    public ApiKeyView get(Caller caller, UUID id) {
        return ApiKeyView.of(visible(caller, id, READ), clock.instant());
    }

    /**
     * Issues a new secret; the current one keeps working for the grace period ({@code gracePeriod} if
     * given, at most the configured one; zero ends it at once). A revoked or expired key cannot be rotated.
     */
    public ApiKeyView.WithSecret rotate(Caller caller, UUID id, Duration gracePeriod) {
        Instant now = clock.instant();
        ApiKey key = visible(caller, id, ROTATE);
        ApiKeyGrant.requireHeld(caller, key.getPermissions(), key.getScope());
        Duration grace = gracePeriod == null ? rotationGrace : gracePeriod;
        if (grace.isNegative() || grace.compareTo(rotationGrace) > 0) {
            throw Rejected.invalid("gracePeriod", "gracePeriod must be between PT0S and " + rotationGrace);
        }
        ApiKeyStatus status = key.status(now);
        if (status != ApiKeyStatus.ACTIVE) {
            throw Rejected.conflict(null, "API key " + id + " is " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + " and cannot be rotated");
        }
        ApiKeySecret secret = ApiKeySecret.generate(random);
        key.rotate(hasher.hash(secret.reveal()), now.plus(grace), caller.actor(), now);
        forgetOnCommit(key.getKeyId());
        audit(caller, "api-key.rotate", key);
        return new ApiKeyView.WithSecret(ApiKeyView.of(key, now), secret.reveal());
    }

    /** Revokes the key on every node within seconds. Idempotent: revoking a revoked key answers it unchanged. */
    public ApiKeyView revoke(Caller caller, UUID id) {
        Instant now = clock.instant();
        ApiKey key = visible(caller, id, REVOKE);
        if (key.revoke(caller.actor(), now)) {
            forgetOnCommit(key.getKeyId());
            audit(caller, "api-key.revoke", key);
        }
        return ApiKeyView.of(key, now);
    }

    /** Within the transaction that deleted or switched the node: revokes (on delete) and forgets the keys scoped there. */
    void onTenancyChange(@Observes TenancyNodeChanged change) {
        Instant now = clock.instant();
        for (ApiKey key : store.unrevokedWithin(change.level(), change.id())) {
            if (change.change() == TenancyNodeChanged.Change.DELETED && key.revoke(change.caller().actor(), now)) {
                audit(change.caller(), "api-key.revoke", key, Map.of("reason",
                        change.level().name().toLowerCase(Locale.ROOT) + " " + change.id() + " deleted"));
            }
            forgetOnCommit(key.getKeyId());
        }
    }

    /**
     * The key, if it exists, its organization is within the caller's reach and the caller holds
     * {@code action} where the key is scoped; otherwise 404, whoever asks.
     */
    private ApiKey visible(Caller caller, UUID id, Permission action) {
        return store.find(id).filter(key -> ApiKeyGrant.allowedOn(caller, action, key.getScope()))
                .orElseThrow(() -> Rejected.notFound("API key", id));
    }

    /**
     * Drops the key's cached verdicts once the change is committed: dropped any earlier, a request
     * verified in between would cache the old state again from the not yet committed row.
     */
    private void forgetOnCommit(ApiKeyId keyId) {
        afterCommit.run(() -> verifier.forget(keyId));
    }

    private ApiKeyGrant.Tenancy tenancy() {
        return new ApiKeyGrant.Tenancy(
                organization -> Optional.ofNullable(em.find(Organization.class, organization)).filter(o -> !o.isDeleted()).isPresent(),
                workspace -> Optional.ofNullable(em.find(Workspace.class, workspace)).filter(w -> !w.isDeleted())
                        .map(Workspace::getOrganizationId),
                tenant -> Optional.ofNullable(em.find(Tenant.class, tenant)).filter(t -> !t.isDeleted()).map(Tenant::getWorkspaceId));
    }

    /** A DATA event for the change, sent once it commits; the secret never goes into it. */
    private void audit(Caller caller, String action, ApiKey key) {
        audit(caller, action, key, Map.of());
    }

    private void audit(Caller caller, String action, ApiKey key, Map<String, String> details) {
        ApiKeyScope scope = key.getScope();
        Map<String, String> metadata = new HashMap<>(details);
        metadata.put("keyId", key.getKeyId().value());
        metadata.put("name", key.getName());
        AuditEvent event = AuditEvent.builder(AuditEvent.Type.DATA, action, AuditEvent.Result.SUCCESS)
                .resource("api-keys/" + key.getId())
                .user(caller.userId(), caller.email(), null, null)
                .scope(scope.organizationId(), scope.workspaceId(), scope.tenantId())
                .session(caller.sessionId())
                .metadata(metadata)
                .build();
        auditTrail.recordOnCommit(event);
    }
}
