package io.telemetryflow.auth.password;

import io.telemetryflow.iam.UserInvited;
import io.telemetryflow.platform.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invited users (created without a password) get a mail with a single-use link to choose one, sent
 * once the account's creation has committed ({@link UserInvited}, fired by the user administration).
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

    void invite(@Observes UserInvited invited) {
        String email = invited.email();
        afterCommit.run(() -> mail.invitationLater(() -> tokens.issueForEmail(email, UserToken.Purpose.PASSWORD_RESET, ttl)));
    }
}
