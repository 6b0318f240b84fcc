package io.telemetryflow.auth.password;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A single-use, expiring token sent by email (password reset, email verification); only its SHA-256
 * is stored. Not kept in the shared entity cache, so every node sees a token as used at once.
 */
@Entity
@Table(name = "user_tokens")
public class UserToken {

    public enum Purpose { PASSWORD_RESET, EMAIL_VERIFICATION }

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Purpose purpose;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    protected UserToken() {
    }

    UserToken(UUID userId, Purpose purpose, String tokenHash, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.purpose = purpose;
        this.tokenHash = tokenHash;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
    }

    boolean isUsableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt.toInstant());
    }

    void markUsed(Instant now) {
        usedAt = now.atOffset(ZoneOffset.UTC);
    }

    UUID getUserId() {
        return userId;
    }
}
