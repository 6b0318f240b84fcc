package io.telemetryflow.telemetry.live;

import io.telemetryflow.iam.Permission;
import java.util.Arrays;
import java.util.Optional;

/** What a live-tail socket can subscribe to, with the permission a subscription needs in its tenant. */
public enum LiveChannel {
    LOGS("logs:new", Permission.LOGS_READ),
    METRICS("metrics:new", Permission.METRICS_READ),
    TRACES("traces:new", Permission.TRACES_READ),
    /** Alert instances that start firing or resolve ({@code alert:firing}, {@code alert:resolved}; docs/alerting.md). */
    ALERTS("alerts", Permission.parse("alerts:read"));

    private final String wireName;
    private final Permission permission;

    LiveChannel(String wireName, Permission permission) {
        this.wireName = wireName;
        this.permission = permission;
    }

    public String wireName() {
        return wireName;
    }

    public Permission permission() {
        return permission;
    }

    public static Optional<LiveChannel> named(String wireName) {
        return Arrays.stream(values()).filter(channel -> channel.wireName.equals(wireName)).findFirst();
    }
}
