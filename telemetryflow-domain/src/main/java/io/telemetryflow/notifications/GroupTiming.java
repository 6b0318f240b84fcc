package io.telemetryflow.notifications;

import java.time.Duration;

/** Alertmanager's timing of an aggregation group, and whether the group tells its channels about resolved alerts. */
public record GroupTiming(Duration groupWait, Duration groupInterval, Duration repeatInterval, boolean sendResolved) {

    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    public static final GroupTiming DEFAULTS = new GroupTiming(DEFAULT_GROUP_WAIT, DEFAULT_GROUP_INTERVAL, DEFAULT_REPEAT_INTERVAL, true);
}
