package io.telemetryflow.notifications.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelSpecTest {

    @Test
    void readsAChannelAndMasksItsSecrets() {
        ChannelSpec spec = ChannelSpec.parse(ChannelPayloadsTest.read("""
                {"name":" Payments on-call ","type":"PagerDuty","config":{"routingKey":"abc123","source":"prod"},
                 "templates":{"title":"{{ruleName}}"},"enabled":false,"id":"ignored"}"""), null);
        assertThat(spec.name()).isEqualTo("Payments on-call");
        assertThat(spec.config().type()).isEqualTo(ChannelType.PAGERDUTY);
        assertThat(spec.config().secrets()).containsEntry("routingKey", "abc123");
        assertThat(spec.config().settings()).containsEntry("source", "prod").doesNotContainKey("routingKey");
        assertThat(spec.titleTemplate()).isEqualTo("{{ruleName}}");
        assertThat(spec.bodyTemplate()).isNull();
        assertThat(spec.enabled()).isFalse();
        assertThat(spec.config().masked().toString()).isEqualTo("{\"source\":\"prod\",\"routingKey\":\"********\"}");
    }

    @Test
    void anUpdateThatSendsTheMaskOrLeavesASecretOutKeepsTheStoredOne() {
        ChannelConfig stored = ChannelSpec.parse(ChannelPayloadsTest.read(
                "{\"name\":\"h\",\"type\":\"webhook\",\"config\":{\"url\":\"https://r.example/h?token=t0k\",\"secret\":\"0123456789abcdef\"}}"), null).config();
        ChannelConfig masked = ChannelSpec.parse(ChannelPayloadsTest.read(
                "{\"name\":\"h\",\"type\":\"webhook\",\"config\":{\"url\":\"********\"}}"), stored).config();
        assertThat(masked.secrets()).containsEntry("url", "https://r.example/h?token=t0k").containsEntry("secret", "0123456789abcdef");
        ChannelConfig changed = ChannelSpec.parse(ChannelPayloadsTest.read(
                "{\"name\":\"h\",\"type\":\"webhook\",\"config\":{\"url\":\"https://other.example/\",\"secret\":\"********\"}}"), stored).config();
        assertThat(changed.secrets()).containsEntry("url", "https://other.example/").containsEntry("secret", "0123456789abcdef");
        assertThatThrownBy(() -> ChannelSpec.parse(ChannelPayloadsTest.read(
                "{\"name\":\"h\",\"type\":\"slack\",\"config\":{\"webhookUrl\":\"********\"}}"), stored))
                .as("a secret of another type is not kept").isInstanceOfSatisfying(Rejected.class,
                        e -> assertThat(e.field()).isEqualTo("config.webhookUrl"));
    }

    @Test
    void emailRecipientsAreAListOrACommaSeparatedString() {
        ChannelConfig list = ChannelPayloadsTest.config(ChannelType.EMAIL, "{\"to\":[\"a@example.com\",\"b@example.org\"]}");
        ChannelConfig text = ChannelPayloadsTest.config(ChannelType.EMAIL, "{\"to\":\"a@example.com, b@example.org\"}");
        assertThat(list.recipients()).containsExactly("a@example.com", "b@example.org");
        assertThat(text.recipients()).isEqualTo(list.recipients());
        assertThat(list.secrets()).isEmpty();
        assertThat(list.masked().toString()).isEqualTo("{\"to\":[\"a@example.com\",\"b@example.org\"]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"slack\",\"config\":{\"webhookUrl\":\"https://h.example\"}}|name",
            "{\"name\":\"n\",\"type\":\"sms\"}|type",
            "{\"name\":\"n\",\"type\":\"slack\",\"config\":{}}|config.webhookUrl",
            "{\"name\":\"n\",\"type\":\"slack\",\"config\":{\"webhookUrl\":\"ftp://h.example/x\"}}|config.webhookUrl",
            "{\"name\":\"n\",\"type\":\"slack\",\"config\":{\"webhookUrl\":\"https://u:p@h.example/x\"}}|config.webhookUrl",
            "{\"name\":\"n\",\"type\":\"slack\",\"config\":{\"webhookUrl\":\"https://h.example\",\"channel\":\"#x\"}}|config.channel",
            "{\"name\":\"n\",\"type\":\"slack\",\"config\":\"https://h.example\"}|config",
            "{\"name\":\"n\",\"type\":\"email\",\"config\":{\"to\":[]}}|config.to",
            "{\"name\":\"n\",\"type\":\"email\",\"config\":{\"to\":[\"not-an-address\"]}}|config.to",
            "{\"name\":\"n\",\"type\":\"email\",\"config\":{\"to\":[1]}}|config.to",
            "{\"name\":\"n\",\"type\":\"webhook\",\"config\":{\"url\":\"https://h.example\",\"secret\":\"short\"}}|config.secret",
            "{\"name\":\"n\",\"type\":\"telegram\",\"config\":{\"botToken\":\"nope\",\"chatId\":\"1\"}}|config.botToken",
            "{\"name\":\"n\",\"type\":\"telegram\",\"config\":{\"botToken\":\"1:a\",\"chatId\":\"x y\"}}|config.chatId",
            "{\"name\":\"n\",\"type\":\"opsgenie\",\"config\":{\"apiKey\":\"k\",\"region\":\"mars\"}}|config.region",
            "{\"name\":\"n\",\"type\":\"pagerduty\",\"config\":{\"routingKey\":\"k\",\"apiUrl\":\"not a url\"}}|config.apiUrl",
            "{\"name\":\"n\",\"type\":\"pagerduty\",\"config\":{\"routingKey\":5}}|config.routingKey",
            "{\"name\":\"n\",\"type\":\"discord\",\"config\":{\"webhookUrl\":\"https://d.example\"},\"templates\":{\"body\":\"{{#x}}\"}}|templates.body",
            "{\"name\":\"n\",\"type\":\"discord\",\"config\":{\"webhookUrl\":\"https://d.example\"},\"templates\":{\"footer\":\"x\"}}|templates.footer",
            "{\"name\":\"n\",\"type\":\"discord\",\"config\":{\"webhookUrl\":\"https://d.example\"},\"enabled\":\"yes\"}|enabled"})
    void badInputIsA400NamingTheField(String body, String field) {
        assertThatThrownBy(() -> ChannelSpec.parse(ChannelPayloadsTest.read(body), null))
                .isInstanceOfSatisfying(Rejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Rejected.Reason.INVALID);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    @Test
    void errorsNeverRepeatASecret() {
        assertThatThrownBy(() -> ChannelSpec.parse(ChannelPayloadsTest.read(
                "{\"name\":\"n\",\"type\":\"webhook\",\"config\":{\"url\":\"https://h.example/T0KEN\",\"secret\":\"sh0rt-s3cr3t\"}}"), null))
                .isInstanceOf(Rejected.class).hasMessageNotContaining("sh0rt-s3cr3t").hasMessageNotContaining("T0KEN");
    }
}
