package io.telemetryflow.iam.web;

import io.telemetryflow.iam.TenancyAdministration;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * What the four tenancy resources share. Each keeps its own URL family and access rules (an annotation names one
 * permission) and hands its level ({@link io.telemetryflow.iam.TenancyKind}) to {@link TenancyAdministration}.
 */
abstract class TenancyResource {

    @Inject
    CurrentCaller current;

    @Inject
    TenancyAdministration tenancy;

    @Context
    UriInfo uri;
}
