package io.telemetryflow.auth.mfa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One MFA recovery code (its Argon2id hash), usable once. Not kept in the shared entity cache: another
 * node must never see a used code as unused.
 */
@Entity
@Table(name = "mfa_recovery_codes")
public class RecoveryCode {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "code_hash", nullable = false, updatable = false)
    private String codeHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    protected RecoveryCode() {
    }

    RecoveryCode(UUID userId, String codeHash, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.codeHash = codeHash;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    String getCodeHash() {
        return codeHash;
    }

    void markUsed(Instant now) {
        usedAt = now.atOffset(ZoneOffset.UTC);
    }
}
