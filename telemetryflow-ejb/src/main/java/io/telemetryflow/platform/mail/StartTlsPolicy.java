package io.telemetryflow.platform.mail;

import io.telemetryflow.platform.network.Loopback;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the SMTP session must upgrade to TLS: as the operator set {@code telemetryflow.mail.smtp.starttls}, and when
 * unset, always except towards a loopback address ({@link Loopback}, judged from the host text alone), where nothing
 * crosses a network: a name that DNS could point anywhere, or an unusual address form, counts as remote and so gets
 * STARTTLS.
 */
final class StartTlsPolicy {

    private StartTlsPolicy() {
    }

    static boolean required(String host, Optional<Boolean> configured) {
        return configured.orElseGet(() -> !Loopback.is(host));
    }

    /**
     * The Jakarta Mail session properties for the decision: STARTTLS enabled and required (a server that does not
     * offer it is refused rather than spoken to in clear) and the certificate checked against the host name.
     */
    static Map<String, String> sessionProperties(String host, Optional<Boolean> configured) {
        return required(host, configured)
                ? Map.of("mail.smtp.starttls.enable", "true", "mail.smtp.starttls.required", "true",
                        "mail.smtp.ssl.checkserveridentity", "true")
                : Map.of();
    }
}
