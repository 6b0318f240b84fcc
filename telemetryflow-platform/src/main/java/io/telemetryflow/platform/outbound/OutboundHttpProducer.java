package io.telemetryflow.platform.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The node's {@link OutboundHttp} from {@code telemetryflow.outbound.*} (docs/configuration.md, "Outbound HTTP"). */
@ApplicationScoped
public class OutboundHttpProducer {

    private static final Logger LOG = Logger.getLogger(OutboundHttpProducer.class.getName());

    @Inject
    @ConfigProperty(name = "telemetryflow.outbound.allowed-hosts")
    Optional<String> allowedHosts;

    @Inject
    @ConfigProperty(name = "telemetryflow.outbound.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "telemetryflow.outbound.read-timeout", defaultValue = "PT10S")
    Duration readTimeout;

    @Inject
    @ConfigProperty(name = "telemetryflow.outbound.total-timeout", defaultValue = "PT20S")
    Duration totalTimeout;

    @Inject
    @ConfigProperty(name = "telemetryflow.outbound.max-response-bytes", defaultValue = "65536")
    int maxResponseBytes;

    @Produces
    @Singleton
    OutboundHttp outboundHttp() {
        AllowedHosts allowed = AllowedHosts.parse(allowedHosts.orElse(""));
        if (!allowed.isEmpty()) {
            LOG.info(() -> "Outbound requests may reach these hosts despite the address policy: " + allowedHosts.get());
        }
        return new OutboundHttp(allowed, new OutboundHttp.Limits(connectTimeout, readTimeout, totalTimeout, maxResponseBytes));
    }
}
