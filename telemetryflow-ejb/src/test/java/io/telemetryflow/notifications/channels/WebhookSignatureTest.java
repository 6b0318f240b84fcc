package io.telemetryflow.notifications.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void isTheHexHmacSha256OfTimestampDotBody() {
        // computed outside Java, so the test does not compare the implementation with itself: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret-of-16-chars'
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.header("secret-of-16-chars", 1_700_000_000L, body))
                .isEqualTo("t=1700000000,v1=6afe8e0515c786f952e78841359526cea20c88134915def7d76dd52f6b4fe08d");
    }

    @Test
    void verificationFailsForAnyChangedPart() {
        byte[] body = "{\"status\":\"firing\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header("s3cret-s3cret-s3cret", 1_700_000_000L, body);
        assertThat(WebhookSignature.verify(header, "s3cret-s3cret-s3cret", body)).isTrue();
        assertThat(WebhookSignature.verify(header, "s3cret-s3cret-s3cret", "{\"status\":\"resolved\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(WebhookSignature.verify(header.replace("t=1700000000", "t=1700000001"), "s3cret-s3cret-s3cret", body)).isFalse();
        assertThat(WebhookSignature.verify("t=1,v1=zz", "s3cret-s3cret-s3cret", body)).isFalse();
        assertThat(WebhookSignature.verify("v1=" + "0".repeat(64), "s3cret-s3cret-s3cret", body)).isFalse();
    }
}
