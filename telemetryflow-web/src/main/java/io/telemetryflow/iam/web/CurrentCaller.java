package io.telemetryflow.iam.web;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.platform.web.Authenticated;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The signed-in caller of the current request, set by the access-control filter once the access token is verified. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    /** Only the access-control filter calls this (public because authentication lives in its own feature). */
    public void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller; only endpoints with {@link RequiresPermission} or {@link Authenticated} have one. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no signed-in caller: the endpoint is not protected by @RequiresPermission or @Authenticated");
        }
        return caller;
    }

    public Optional<Caller> find() {
        return Optional.ofNullable(caller);
    }
}
