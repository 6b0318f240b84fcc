package io.telemetryflow.platform.json;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json.createObjectBuilder()} and its siblings look the
 * provider up on every call (a ServiceLoader search of the deployment's class path): in WildFly that search was 39 %
 * of the server's CPU while logs streamed to live-tail subscribers (docs/benchmarks.md, "Alert evaluation").
 */
public final class Jsonp {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {
    }
}
