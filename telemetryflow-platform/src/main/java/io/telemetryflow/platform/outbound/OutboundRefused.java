package io.telemetryflow.platform.outbound;

import java.io.IOException;

/**
 * The request was not sent, or its answer not followed, because of the outbound policy: a refused address, a
 * scheme other than http/https, a redirect. Trying again changes nothing, unlike other {@link IOException}s.
 */
public class OutboundRefused extends IOException {

    public OutboundRefused(String message) {
        super(message);
    }
}
