package io.telemetryflow.notifications.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.platform.outbound.OutboundRefused;
import io.telemetryflow.platform.outbound.OutboundResponse;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeliveryResultTest {

    @ParameterizedTest
    @CsvSource({"200,true,false", "202,true,false", "204,true,false", "408,false,true", "429,false,true", "500,false,true",
            "503,false,true", "400,false,false", "401,false,false", "403,false,false", "404,false,false"})
    void theStatusDecidesDeliveredAndRetryable(int status, boolean delivered, boolean retryable) {
        DeliveryResult result = DeliveryResult.of(new OutboundResponse(status, Map.of(), "no".getBytes(StandardCharsets.UTF_8), false));
        assertThat(result.delivered()).isEqualTo(delivered);
        assertThat(result.retryable()).isEqualTo(retryable);
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.error()).isEqualTo(delivered ? null : "the receiver answered " + status + ": no");
    }

    @Test
    void aLongAnswerIsQuotedInPart() {
        DeliveryResult result = DeliveryResult.of(new OutboundResponse(500, Map.of(), "x".repeat(5000).getBytes(StandardCharsets.UTF_8), false));
        assertThat(result.error()).hasSize("the receiver answered 500: ".length() + 300 + 1);
    }

    @Test
    void aRefusalIsFinalAndANetworkFailureIsNot() {
        DeliveryResult refused = DeliveryResult.of(new OutboundRefused("10.0.0.1:80 resolves to 10.0.0.1, a private address: refused"));
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.error()).contains("private address");
        DeliveryResult timedOut = DeliveryResult.of(new SocketTimeoutException("Read timed out"));
        assertThat(timedOut.delivered()).isFalse();
        assertThat(timedOut.retryable()).isTrue();
        assertThat(timedOut.statusCode()).isNull();
    }
}
