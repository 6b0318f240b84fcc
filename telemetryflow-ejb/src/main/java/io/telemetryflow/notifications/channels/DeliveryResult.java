package io.telemetryflow.notifications.channels;

import io.telemetryflow.platform.outbound.OutboundRefused;
import io.telemetryflow.platform.outbound.OutboundResponse;
import java.io.IOException;

/**
 * How one delivery attempt ended. {@code retryable}: a later attempt may succeed (timeouts, refused connections,
 * 5xx, 429, 408); a refused address, a redirect, a 4xx or a channel that is gone or switched off will fail again.
 * {@code error} never holds a secret: it names at most the host and port, the status and the start of the answer.
 */
public record DeliveryResult(boolean delivered, boolean retryable, Integer statusCode, String error) {

    private static final int MAX_ANSWER = 300;

    public static DeliveryResult ok(Integer statusCode) {
        return new DeliveryResult(true, false, statusCode, null);
    }

    public static DeliveryResult permanent(String error) {
        return new DeliveryResult(false, false, null, error);
    }

    static DeliveryResult of(OutboundResponse response) {
        int status = response.status();
        if (response.successful()) {
            return ok(status);
        }
        boolean retryable = status >= 500 || status == 429 || status == 408;
        String answer = response.bodyText().strip();
        if (answer.length() > MAX_ANSWER) {
            answer = answer.substring(0, MAX_ANSWER) + "…";
        }
        return new DeliveryResult(false, retryable, status, "the receiver answered " + status + (answer.isEmpty() ? "" : ": " + answer));
    }

    static DeliveryResult of(IOException failure) {
        if (failure instanceof OutboundRefused) {
            return new DeliveryResult(false, false, null, failure.getMessage());
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new DeliveryResult(false, true, null, message);
    }
}
