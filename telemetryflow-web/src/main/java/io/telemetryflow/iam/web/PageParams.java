package io.telemetryflow.iam.web;

import io.telemetryflow.platform.paging.PageRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code ?limit=&offset=} of every list endpoint. */
public class PageParams {

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(PageRequest.MAX_LIMIT)
    int limit;

    @QueryParam("offset")
    @DefaultValue("0")
    @Min(0)
    int offset;

    PageRequest request() {
        return new PageRequest(limit, offset);
    }
}
