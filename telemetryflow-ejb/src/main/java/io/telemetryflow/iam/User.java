package io.telemetryflow.iam;

import io.telemetryflow.tenancy.AuditedEntity;
import io.telemetryflow.tenancy.NullableUuid;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A person who signs in to the console and the management API. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.LIVE_BY_EMAIL, query = "SELECT u FROM User u WHERE u.email = :email AND u.deletedAt IS NULL")
public class User extends AuditedEntity {

    /** The undeleted user with the (normalized) email parameter {@code email}. */
    public static final String LIVE_BY_EMAIL = "User.liveByEmail";

    @Column(nullable = false)
    private String email;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "first_name", nullable = false)
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "workspace_id")
    @Convert(converter = NullableUuid.class)
    private UUID workspaceId;

    @Column(name = "tenant_id")
    @Convert(converter = NullableUuid.class)
    private UUID tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UserStatus status;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column(name = "last_login_at")
    private OffsetDateTime lastLoginAt;

    @Embedded
    @AttributeOverride(name = "failures", column = @Column(name = "failed_login_attempts", nullable = false))
    @AttributeOverride(name = "lastFailureAt", column = @Column(name = "last_failed_login_at"))
    @AttributeOverride(name = "lockedUntil", column = @Column(name = "locked_until"))
    private StoredFailureCount loginFailures = new StoredFailureCount();

    @Column(name = "password_changed_at")
    private OffsetDateTime passwordChangedAt;

    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    @Column(name = "mfa_enabled", nullable = false)
    private boolean mfaEnabled;

    @Column(name = "mfa_secret_encrypted")
    private String mfaSecretEncrypted;

    @Column(name = "mfa_last_used_step")
    private Long mfaLastUsedStep;

    @Embedded
    @AttributeOverride(name = "failures", column = @Column(name = "mfa_failed_attempts", nullable = false))
    @AttributeOverride(name = "lastFailureAt", column = @Column(name = "mfa_last_failed_at"))
    @AttributeOverride(name = "lockedUntil", column = @Column(name = "mfa_locked_until"))
    private StoredFailureCount mfaFailures = new StoredFailureCount();

    protected User() {
    }

    public User(String email, String passwordHash, String firstName, String lastName, UUID organizationId, UUID workspaceId,
                UUID tenantId, UserStatus status, String actor, Instant now) {
        super(actor, now);
        this.email = normalizeEmail(email);
        this.passwordHash = passwordHash;
        this.firstName = firstName;
        this.lastName = lastName;
        this.organizationId = organizationId;
        this.workspaceId = workspaceId;
        this.tenantId = tenantId;
        this.status = status;
        this.passwordChangedAt = utc(now);
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    // --- lifecycle -----------------------------------------------------------------------------

    public void activate(String actor, Instant now) {
        status = status.transitionTo(UserStatus.ACTIVE);
        touched(actor, now);
    }

    public void deactivate(String actor, Instant now) {
        status = status.transitionTo(UserStatus.INACTIVE);
        touched(actor, now);
    }

    /** Deleted is terminal; the row stays (soft delete) so audit references keep resolving. */
    public void delete(String actor, Instant now) {
        status = status.transitionTo(UserStatus.DELETED);
        softDelete(actor, now);
    }

    public void rename(String firstName, String lastName, String actor, Instant now) {
        this.firstName = firstName;
        this.lastName = lastName;
        touched(actor, now);
    }

    public void placeIn(UUID workspaceId, UUID tenantId, String actor, Instant now) {
        this.workspaceId = workspaceId;
        this.tenantId = tenantId;
        touched(actor, now);
    }

    // --- sign-in ---------------------------------------------------------------------------------

    /** The account-wide count of consecutive failed sign-ins (from any address). */
    public FailureCount loginFailures() {
        return loginFailures.count();
    }

    /** Counts a wrong password under {@code policy}; returns whether the account is now locked. */
    public boolean recordFailedLogin(LockoutPolicy policy, Instant now) {
        return loginFailures.recordFailure(policy, now);
    }

    public void recordSuccessfulLogin(Instant now) {
        loginFailures.clear();
        lastLoginAt = utc(now);
    }

    /** A password the user chose (change, reset, first sign-in): no longer one an administrator knows. */
    public void changePassword(String newHash, String actor, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = utc(now);
        this.passwordChangeRequired = false;
        loginFailures.clear();
        touched(actor, now);
    }

    /** The password was chosen by an administrator, who knows it: the user must choose their own at the next sign-in. */
    public void requirePasswordChange() {
        this.passwordChangeRequired = true;
    }

    public void markEmailVerified(Instant now) {
        this.emailVerified = true;
        touched(getEmail(), now);
    }

    // --- MFA ---------------------------------------------------------------------------------------

    /** Stores a new, not yet confirmed secret; MFA stays off until {@link #enableMfa} after a valid code. */
    public void startMfaEnrolment(String encryptedSecret, Instant now) {
        this.mfaSecretEncrypted = encryptedSecret;
        this.mfaEnabled = false;
        this.mfaLastUsedStep = null;
        touched(getEmail(), now);
    }

    public void enableMfa(Instant now) {
        if (mfaSecretEncrypted == null) {
            throw new IllegalStateException("MFA enrolment has not been started");
        }
        this.mfaEnabled = true;
        touched(getEmail(), now);
    }

    public void disableMfa(String actor, Instant now) {
        this.mfaEnabled = false;
        this.mfaSecretEncrypted = null;
        this.mfaLastUsedStep = null;
        clearMfaFailures();
        touched(actor, now);
    }

    /** Consecutive wrong MFA codes (TOTP or recovery), and the lock they caused. */
    public FailureCount mfaFailures() {
        return mfaFailures.count();
    }

    /** Counts a wrong MFA code under {@code policy}; returns whether MFA verification is now locked. */
    public boolean recordFailedMfa(LockoutPolicy policy, Instant now) {
        return mfaFailures.recordFailure(policy, now);
    }

    public void clearMfaFailures() {
        mfaFailures.clear();
    }

    /**
     * Accepts TOTP time step {@code step} unless it is not newer than the last accepted one: each code
     * works once, and an older code cannot be replayed after a newer one was used.
     */
    public boolean acceptTotpStep(long step) {
        if (mfaLastUsedStep != null && step <= mfaLastUsedStep) {
            return false;
        }
        mfaLastUsedStep = step;
        return true;
    }

    // --- accessors ---------------------------------------------------------------------------------

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UserStatus getStatus() {
        return status;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public Optional<Instant> getLastLoginAt() {
        return Optional.ofNullable(lastLoginAt).map(OffsetDateTime::toInstant);
    }

    public boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    public boolean isMfaEnabled() {
        return mfaEnabled;
    }

    public String getMfaSecretEncrypted() {
        return mfaSecretEncrypted;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
