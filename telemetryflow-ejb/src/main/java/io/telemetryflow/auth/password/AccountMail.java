package io.telemetryflow.auth.password;

import io.telemetryflow.platform.mail.Mailer;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The mails that carry account links (password reset, invitation, email verification), sent in the background
 * so an HTTP request never waits for the SMTP server. Failures are logged with the recipient and the
 * cause, never with the token.
 */
@ApplicationScoped
public class AccountMail {

    private static final Logger LOG = Logger.getLogger(AccountMail.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    Mailer mailer;

    @Inject
    @ConfigProperty(name = "telemetryflow.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** Mails a password-reset link for whatever {@code issue} returns (in the background); nothing when it returns empty. */
    public void passwordResetLater(Supplier<Optional<UserTokens.Issued>> issue) {
        later("password-reset", issue, issued -> mailer.send(issued.email(), "Reset your TelemetryFlow password", """
                Hello %s,

                someone (hopefully you) asked to reset the password of your TelemetryFlow account.
                Choose a new password here; the link works once, until %s:

                %s

                If you did not ask for this, ignore this mail: your password stays as it is.
                """.formatted(issued.firstName(), issued.expiresAt(), link("reset-password", issued.token()))));
    }

    /** Mails an invited user the link to choose a password (a password-reset token with a longer life). */
    public void invitationLater(Supplier<Optional<UserTokens.Issued>> issue) {
        later("invitation", issue, issued -> mailer.send(issued.email(), "You are invited to TelemetryFlow", """
                Hello %s,

                an administrator created a TelemetryFlow account for you. Choose your password here
                (the link works once, until %s):

                %s

                You can sign in once an administrator has activated the account.
                """.formatted(issued.firstName(), issued.expiresAt(), link("reset-password", issued.token()))));
    }

    public void emailVerificationLater(Supplier<Optional<UserTokens.Issued>> issue) {
        later("email-verification", issue, issued -> mailer.send(issued.email(), "Confirm your email address for TelemetryFlow", """
                Hello %s,

                please confirm that this is your email address by opening this link (valid until %s):

                %s
                """.formatted(issued.firstName(), issued.expiresAt(), link("verify-email", issued.token()))));
    }

    private interface Send {
        void to(UserTokens.Issued issued) throws MessagingException;
    }

    private void later(String kind, Supplier<Optional<UserTokens.Issued>> issue, Send send) {
        try {
            executor.execute(() -> {
                Instant start = Instant.now();
                Optional<UserTokens.Issued> issued;
                try {
                    issued = issue.get();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not issue a " + kind + " token", e);
                    return;
                }
                issued.ifPresent(token -> {
                    try {
                        send.to(token);
                        LOG.fine(() -> "Sent " + kind + " mail to " + token.email() + " in " + Duration.between(start, Instant.now()).toMillis() + " ms");
                    } catch (MessagingException | RuntimeException e) {
                        LOG.warning(() -> "Could not send the " + kind + " mail to " + token.email() + ": " + e);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "Could not queue a " + kind + " mail: " + e.getMessage());
        }
    }

    private String link(String page, String token) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
