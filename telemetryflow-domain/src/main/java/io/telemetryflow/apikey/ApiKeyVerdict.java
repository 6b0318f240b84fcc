package io.telemetryflow.apikey;

import java.io.Serializable;
import java.util.Optional;

/**
 * The outcome of checking a presented key pair. Failures carry a reason for logs and audit; the
 * HTTP answer stays a plain 401 so that callers cannot probe which part was wrong.
 */
public record ApiKeyVerdict(ApiKeyPrincipal principal, String failure) implements Serializable {

    public static ApiKeyVerdict accepted(ApiKeyPrincipal principal) {
        return new ApiKeyVerdict(principal, null);
    }

    public static ApiKeyVerdict rejected(String failure) {
        return new ApiKeyVerdict(null, failure);
    }

    public Optional<ApiKeyPrincipal> accepted() {
        return Optional.ofNullable(principal);
    }
}
