package io.telemetryflow.platform.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Unknown API paths answer RFC 9457 problem details, like every other API error. */
@Provider
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(NotFoundException exception) {
        return Problem.of(Response.Status.NOT_FOUND, "No resource at " + uri.getPath()).toResponse();
    }
}
