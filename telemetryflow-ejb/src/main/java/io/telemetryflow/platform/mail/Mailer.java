package io.telemetryflow.platform.mail;

import io.telemetryflow.platform.network.Loopback;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends plain-text mail through the configured SMTP server (telemetryflow.mail.*, see
 * docs/configuration.md). The session is built from MicroProfile Config rather than a server mail
 * resource, so the same settings (and environment variables) work on every application server.
 * Sending blocks for up to the configured timeout: call it off the request thread. STARTTLS with a checked
 * certificate is required unless the server is on loopback or the operator turns it off ({@link StartTlsPolicy}).
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @Inject
    @ConfigProperty(name = "telemetryflow.mail.smtp.host", defaultValue = "127.0.0.1")
    String host;

    @Inject
    @ConfigProperty(name = "telemetryflow.mail.smtp.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "telemetryflow.mail.smtp.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "telemetryflow.mail.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "telemetryflow.mail.smtp.starttls")
    Optional<Boolean> startTls;

    @Inject
    @ConfigProperty(name = "telemetryflow.mail.smtp.timeout", defaultValue = "PT10S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "telemetryflow.mail.from", defaultValue = "TelemetryFlow <no-reply@telemetryflow.local>")
    String from;

    private Session session;

    @PostConstruct
    void connect() {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        String millis = String.valueOf(timeout.toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.putAll(StartTlsPolicy.sessionProperties(host, startTls));
        if (!StartTlsPolicy.required(host, startTls) && !Loopback.is(host)) {
            LOG.warning(() -> "telemetryflow.mail.smtp.starttls=false: mail to " + host
                    + " (and any SMTP password) crosses the network in clear");
        }
        boolean authenticate = username.filter(name -> !name.isBlank()).isPresent();
        properties.put("mail.smtp.auth", String.valueOf(authenticate));
        Authenticator authenticator = !authenticate ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username.get(), password.orElse(""));
            }
        };
        session = Session.getInstance(properties, authenticator);
    }

    public void send(String to, String subject, String text) throws MessagingException {
        send(java.util.List.of(to), subject, text);
    }

    /** One message to every address in {@code to} (notification channels send one mail to all their recipients). */
    public void send(java.util.List<String> to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        InternetAddress[] recipients = new InternetAddress[to.size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new InternetAddress(to.get(i), true);
        }
        message.setRecipients(Message.RecipientType.TO, recipients);
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.setSentDate(new Date());
        Transport.send(message);
    }
}
