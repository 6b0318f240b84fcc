package io.telemetryflow.iam.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** 201 with the new object's URI (the request path plus its id) and its representation. */
final class Created {

    private Created() {
    }

    static Response at(UriInfo uri, Object id, Object body) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(body).build();
    }
}
