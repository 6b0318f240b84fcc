package io.telemetryflow.apikey;

import io.telemetryflow.iam.Permission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyCredentialsTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedPairsHaveTheirPrefixesAndAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ApiKeyId id = ApiKeyId.generate(random);
            assertThat(id.value()).startsWith("tfk_").hasSize(28);
            ids.add(id.value());
        }
        assertThat(ids).hasSize(1000);
        assertThat(ApiKeySecret.generate(random).reveal()).startsWith("tfs_").hasSize(56);
    }

    @Test
    void secretNeverShowsInToString() {
        ApiKeySecret secret = ApiKeySecret.generate(random);
        assertThat(secret.toString()).isEqualTo("tfs_****").doesNotContain(secret.reveal().substring(4));
        assertThat(new ApiKeySecret(secret.reveal())).isEqualTo(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tfk_", "tfs_aaaaaaaaaaaaaaaaaaaaaaaa", "tfk_AAAAAAAAAAAAAAAAAAAAAAAA", "tfk_aaaaaaaaaaaaaaaaaaaaaaa1",
            "tfk_aaaaaaaaaaaaaaaaaaaaaaaaa", "tfk_aaaa' OR '1'='1aaaaaaaaaa"})
    void rejectsMalformedKeyIds(String value) {
        assertThatThrownBy(() -> new ApiKeyId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMalformedSecretsWithoutEchoingThem() {
        String almost = "tfs_" + "a".repeat(51) + "!";
        assertThatThrownBy(() -> new ApiKeySecret(almost)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(almost);
    }

    @Test
    void permissionsParseAndGrant() {
        assertThat(Permission.parse("metrics:write")).isEqualTo(Permission.METRICS_WRITE);
        assertThat(Permission.parse("*:write").grants(Permission.LOGS_WRITE)).isTrue();
        assertThat(Permission.parse("metrics:*").grants(Permission.METRICS_WRITE)).isTrue();
        assertThat(Permission.METRICS_WRITE.grants(Permission.LOGS_WRITE)).isFalse();
        assertThat(Permission.parse("metrics:read").grants(Permission.METRICS_WRITE)).isFalse();
        assertThatThrownBy(() -> Permission.parse("metrics")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.parse("a:b:c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.parse("Metrics:Write")).isInstanceOf(IllegalArgumentException.class);
    }
}
