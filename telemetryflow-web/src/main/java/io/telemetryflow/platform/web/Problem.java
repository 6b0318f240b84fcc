package io.telemetryflow.platform.web;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

    /** The problem as the whole response of a servlet filter, which answers before JAX-RS does. */
    public void writeTo(HttpServletResponse response) throws IOException {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("type", type).add("title", title).add("status", status).add("detail", detail);
        if (field != null) {
            json.add("field", field);
        }
        byte[] body = json.build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
