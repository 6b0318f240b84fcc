package io.telemetryflow.platform.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every request and response body. Without a resolver, RESTEasy creates a Jsonb for each body
 * it reads or writes and closes it after (a service-loader scan of the deployment and Yasson's set-up each time: 5 % of
 * the server's CPU samples while answering cached log pages). The default configuration, as before: only the
 * instance's lifetime changes. Jsonb is thread-safe.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
