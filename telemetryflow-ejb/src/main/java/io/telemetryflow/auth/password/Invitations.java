package io.telemetryflow.auth.password;

import io.telemetryflow.platform.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invited users (created without a password) get a mail with a single-use link to choose one, sent
 * once the account's creation has committed.
 */
@ApplicationScoped
public class Invitations {

    @Inject
    AfterCommit afterCommit;

    @Inject
    AccountMail mail;

    @Inject
    UserTokens tokens;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.invitation-ttl", defaultValue = "P7D")
    Duration ttl;

    public void invite(String email) {
        afterCommit.run(() -> mail.invitationLater(() -> tokens.issueForEmail(email, UserToken.Purpose.PASSWORD_RESET, ttl)));
    }
}
