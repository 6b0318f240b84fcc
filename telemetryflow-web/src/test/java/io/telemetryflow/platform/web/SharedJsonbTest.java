package io.telemetryflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class SharedJsonbTest {

    public record Body(String name, Integer count, Map<String, String> labels) {
    }

    @Test
    void everyTypeGetsTheSameInstanceWithTheDefaultBehaviour() throws Exception {
        SharedJsonb resolver = new SharedJsonb();
        assertThat(resolver.getContext(Body.class)).isSameAs(resolver.getContext(String.class));

        Body body = new Body("a\"b", null, Map.of("k", "v"));
        try (var fresh = JsonbBuilder.create()) {
            assertThat(resolver.getContext(Body.class).toJson(body)).isEqualTo(fresh.toJson(body))
                    .isEqualTo("{\"labels\":{\"k\":\"v\"},\"name\":\"a\\\"b\"}");
        }
    }
}
