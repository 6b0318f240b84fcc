package io.telemetryflow.auth.web;

import io.telemetryflow.auth.TokenIssuer;
import io.telemetryflow.iam.Caller;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The signed-in caller of the current request, set by {@link AccessControlFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private TokenIssuer.AccessToken token;

    void set(Caller caller, TokenIssuer.AccessToken token) {
        this.caller = caller;
        this.token = token;
    }

    /** The caller; only endpoints with {@link RequiresPermission} or {@link Authenticated} have one. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no signed-in caller: the endpoint is not protected by @RequiresPermission or @Authenticated");
        }
        return caller;
    }

    /** The access token the caller signed in with (logout denies it until it expires). */
    public TokenIssuer.AccessToken token() {
        get();
        return token;
    }

    public Optional<Caller> find() {
        return Optional.ofNullable(caller);
    }
}
