package io.telemetryflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.platform.security.Argon2idHasher;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.UUID;

/** Users stored straight into PostgreSQL, for tests that must not depend on the IAM API (or its rate limits) to get one. */
public final class TestUsers {

    private TestUsers() {
    }

    /** An active user of the default organization, with the password hashed as the server hashes it (Argon2id). */
    public static void insertActive(String email, String password, String firstName, String lastName) throws Exception {
        String hash = new Argon2idHasher(64, 1, 1, new SecureRandom()).hash(password);
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO users (id, email, password_hash, first_name, last_name, organization_id, status,
                                        created_at, created_by, updated_at, updated_by)
                     SELECT ?, ?, ?, ?, ?, id, 'ACTIVE', now(), 'test', now(), 'test'
                     FROM organizations WHERE slug = 'default' AND deleted_at IS NULL""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, email);
            insert.setString(3, hash);
            insert.setString(4, firstName);
            insert.setString(5, lastName);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /**
     * Lets a user an administrator created with a password (POST /iam/users) sign in with it directly, for tests about
     * something else: the first sign-in's password change (FirstLoginPasswordIT) is waived in PostgreSQL.
     */
    public static void waivePasswordChange(String email) throws Exception {
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE users SET password_change_required = false WHERE email = ? AND password_change_required")) {
            update.setString(1, email.toLowerCase(Locale.ROOT));
            assertThat(update.executeUpdate()).as("a user who must change the password: " + email).isEqualTo(1);
        }
    }
}
