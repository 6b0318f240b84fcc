package io.telemetryflow.platform.web;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code field}, an extension
 * member, names the request field at fault for validation errors; it is left out when null.
 */
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.Status status, String detail) {
        return of(status.getStatusCode(), detail, null);
    }

    public static Problem of(int status, String detail, String field) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return new Problem("about:blank", type == null ? "Error" : type.getReasonPhrase(), status, detail, field);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
