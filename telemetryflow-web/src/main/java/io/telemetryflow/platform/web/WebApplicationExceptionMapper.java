package io.telemetryflow.platform.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (unreadable JSON, wrong method or media type, bad path parameters) as
 * problem details with their status; the detail never carries a stack trace or parser internals.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        String detail = switch (status) {
            case 400 -> "the request body or a parameter is malformed";
            case 405 -> "method not allowed here";
            case 406 -> "no acceptable representation";
            case 415 -> "unsupported media type; send application/json";
            default -> Response.Status.fromStatusCode(status) == null ? "request failed" : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        Response response = Problem.of(status, detail, null).toResponse();
        return Response.fromResponse(response).replaceAll(exception.getResponse().getHeaders()).type(Problem.MEDIA_TYPE).build();
    }
}
