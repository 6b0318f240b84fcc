package io.telemetryflow.platform.web;

import io.telemetryflow.platform.error.Rejected;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request a service refused: the status of its reason, with the detail and the field at fault. */
@Provider
public class RejectedMapper implements ExceptionMapper<Rejected> {

    @Override
    public Response toResponse(Rejected rejected) {
        Response response = Problem.of(rejected.reason().status(), rejected.getMessage(), rejected.field()).toResponse();
        Response.ResponseBuilder builder = Response.fromResponse(response);
        if (rejected.retryAfterSeconds() > 0) {
            builder.header(HttpHeaders.RETRY_AFTER, rejected.retryAfterSeconds());
        }
        if (rejected.reason() == Rejected.Reason.UNAUTHORIZED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"telemetryflow\"");
        }
        return builder.build();
    }
}
