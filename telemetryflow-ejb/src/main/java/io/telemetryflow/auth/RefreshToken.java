package io.telemetryflow.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One refresh token of a session (its family); only the SHA-256 of the token is stored. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    private UUID id;

    @Column(name = "family_id", nullable = false, updatable = false)
    private UUID familyId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "session_started_at", nullable = false, updatable = false)
    private OffsetDateTime sessionStartedAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "ip_address")
    private String ipAddress;

    @Column(name = "user_agent")
    private String userAgent;

    protected RefreshToken() {
    }

    RefreshToken(UUID familyId, UUID userId, String tokenHash, Instant sessionStartedAt, Instant now, Instant expiresAt, String ipAddress,
                 String userAgent) {
        this.id = UUID.randomUUID();
        this.familyId = familyId;
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.sessionStartedAt = sessionStartedAt.atOffset(ZoneOffset.UTC);
        this.issuedAt = now.atOffset(ZoneOffset.UTC);
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
        this.ipAddress = truncate(ipAddress, 64);
        this.userAgent = truncate(userAgent, 500);
    }

    boolean isUsed() {
        return usedAt != null;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt.toInstant());
    }

    void markUsed(Instant now) {
        usedAt = now.atOffset(ZoneOffset.UTC);
    }

    Instant getSessionStartedAt() {
        return sessionStartedAt.toInstant();
    }

    UUID getFamilyId() {
        return familyId;
    }

    UUID getUserId() {
        return userId;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
