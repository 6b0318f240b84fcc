package io.telemetryflow.auth.web;

import io.telemetryflow.auth.TokenIssuer;
import jakarta.enterprise.context.RequestScoped;

/**
 * The access token the current request was signed in with, set by {@link AccessControlFilter} next to the
 * caller (logout denies it until it expires). Kept apart from the caller so that access control needs no token type.
 */
@RequestScoped
public class CurrentAccessToken {

    private TokenIssuer.AccessToken token;

    void set(TokenIssuer.AccessToken token) {
        this.token = token;
    }

    public TokenIssuer.AccessToken get() {
        if (token == null) {
            throw new IllegalStateException("no access token: the endpoint is not protected by @RequiresPermission or @Authenticated");
        }
        return token;
    }
}
