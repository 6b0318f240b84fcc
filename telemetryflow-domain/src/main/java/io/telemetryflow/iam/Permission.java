package io.telemetryflow.iam;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/** A {@code resource:action} grant such as {@code metrics:write}. */
public record Permission(String resource, String action) implements Serializable {

    // declared before the constants below: static initialisers run in order
    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9-]{0,62}|\\*");

    public static final Permission METRICS_WRITE = new Permission("metrics", "write");
    public static final Permission LOGS_WRITE = new Permission("logs", "write");
    public static final Permission TRACES_WRITE = new Permission("traces", "write");
    public static final Permission METRICS_READ = new Permission("metrics", "read");
    public static final Permission LOGS_READ = new Permission("logs", "read");
    public static final Permission TRACES_READ = new Permission("traces", "read");

    public Permission {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        if (!PART.matcher(resource).matches() || !PART.matcher(action).matches()) {
            throw new IllegalArgumentException("permission must be resource:action in lower case, got '" + resource + ":" + action + "'");
        }
    }

    public static Permission parse(String text) {
        Objects.requireNonNull(text, "permission");
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw new IllegalArgumentException("permission must be resource:action, got '" + text + "'");
        }
        return new Permission(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Whether holding this permission grants {@code wanted}; {@code *} matches any resource or action. */
    public boolean grants(Permission wanted) {
        return (resource.equals("*") || resource.equals(wanted.resource))
                && (action.equals("*") || action.equals(wanted.action));
    }

    @Override
    public String toString() {
        return resource + ':' + action;
    }
}
