package io.telemetryflow.notifications;

import io.telemetryflow.platform.error.Rejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A routing policy: alerts whose labels match every matcher go to the policy's channels, grouped by the
 * {@code groupBy} labels ({@code "..."} groups by every label), with Alertmanager's timing
 * ({@link GroupTiming}). Policies are tried in {@code position} order; the first match ends the search unless it says
 * {@code continueMatching}. The tenant's default policy (no matchers) takes what no other policy matched.
 */
public record NotificationPolicy(String name, int position, List<LabelMatcher> matchers, List<UUID> channelIds,
                                 List<String> groupBy, GroupTiming timing, boolean continueMatching, boolean defaultPolicy) {

    public static final String ALL_LABELS = "...";
    public static final int MAX_CHANNELS = 20;
    public static final int MAX_GROUP_BY = 20;
    public static final List<String> DEFAULT_GROUP_BY = List.of("alertname");

    /** The JSON body, as sent. Absent timings take Alertmanager's defaults (30s, 5m, 4h); sendResolved defaults to true. */
    public record Spec(String name, Integer position, List<LabelMatcher.Spec> matchers, List<String> channelIds, List<String> groupBy,
                       String groupWait, String groupInterval, String repeatInterval, Boolean sendResolved,
                       Boolean continueMatching, Boolean defaultPolicy) {

        public NotificationPolicy parse() {
            String validName = TextField.required("name", name, MaintenanceWindow.MAX_NAME);
            int validPosition = position == null ? 0 : position;
            if (validPosition < 0 || validPosition > 10_000) {
                throw Rejected.invalid("position", "position must be between 0 and 10000");
            }
            List<LabelMatcher> validMatchers = LabelMatcher.parseAll("matchers", matchers);
            boolean isDefault = Boolean.TRUE.equals(defaultPolicy);
            if (isDefault && !validMatchers.isEmpty()) {
                throw Rejected.invalid("matchers", "the default policy takes every alert no other policy matched: it has no matchers");
            }
            if (channelIds == null || channelIds.isEmpty()) {
                throw Rejected.invalid("channelIds", "channelIds must name at least one notification channel");
            }
            if (channelIds.size() > MAX_CHANNELS) {
                throw Rejected.invalid("channelIds", "channelIds may name at most " + MAX_CHANNELS + " channels");
            }
            List<UUID> channels = new ArrayList<>();
            for (int i = 0; i < channelIds.size(); i++) {
                UUID id = uuid("channelIds[" + i + "]", channelIds.get(i));
                if (!channels.contains(id)) {
                    channels.add(id);
                }
            }
            List<String> validGroupBy = groupBy == null ? DEFAULT_GROUP_BY : groupBy.equals(List.of(ALL_LABELS))
                    ? groupBy : InhibitionRule.labelNames("groupBy", groupBy, MAX_GROUP_BY);
            Duration wait = DurationField.parse("groupWait", groupWait, GroupTiming.DEFAULT_GROUP_WAIT, Duration.ZERO, Duration.ofHours(1));
            Duration interval = DurationField.parse("groupInterval", groupInterval, GroupTiming.DEFAULT_GROUP_INTERVAL,
                    Duration.ofSeconds(1), Duration.ofDays(1));
            Duration repeat = DurationField.parse("repeatInterval", repeatInterval, GroupTiming.DEFAULT_REPEAT_INTERVAL,
                    Duration.ofSeconds(1), Duration.ofDays(30));
            if (repeat.compareTo(interval) < 0) {
                throw Rejected.invalid("repeatInterval", "repeatInterval must not be shorter than groupInterval");
            }
            return new NotificationPolicy(validName, validPosition, validMatchers, channels, validGroupBy,
                    new GroupTiming(wait, interval, repeat, sendResolved == null || sendResolved),
                    Boolean.TRUE.equals(continueMatching), isDefault);
        }
    }

    public NotificationPolicy {
        matchers = List.copyOf(matchers);
        channelIds = List.copyOf(channelIds);
        groupBy = List.copyOf(groupBy);
    }

    static UUID uuid(String field, String text) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw Rejected.invalid(field, field + " must be a UUID");
    }

    public boolean matches(Map<String, String> labels) {
        return LabelMatcher.all(matchers, labels);
    }

    /** The labels this policy groups the alert by (sorted; a label the alert lacks is left out). */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        if (groupBy.equals(List.of(ALL_LABELS))) {
            return new TreeMap<>(labels);
        }
        Map<String, String> grouped = new TreeMap<>();
        for (String name : groupBy) {
            String value = labels.get(name);
            if (value != null) {
                grouped.put(name, value);
            }
        }
        return grouped;
    }

    /**
     * The policies an alert goes to, in order: matching non-default policies until one without
     * {@code continueMatching}; the default policies when none matched.
     */
    public static List<Map.Entry<UUID, NotificationPolicy>> route(Map<UUID, NotificationPolicy> byId, Map<String, String> labels) {
        List<Map.Entry<UUID, NotificationPolicy>> ordered = new ArrayList<>(byId.entrySet());
        ordered.sort(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(NotificationPolicy::position)));
        Map<UUID, NotificationPolicy> chosen = new LinkedHashMap<>();
        for (Map.Entry<UUID, NotificationPolicy> entry : ordered) {
            NotificationPolicy policy = entry.getValue();
            if (!policy.defaultPolicy() && policy.matches(labels)) {
                chosen.put(entry.getKey(), policy);
                if (!policy.continueMatching()) {
                    break;
                }
            }
        }
        if (chosen.isEmpty()) {
            for (Map.Entry<UUID, NotificationPolicy> entry : ordered) {
                if (entry.getValue().defaultPolicy()) {
                    chosen.put(entry.getKey(), entry.getValue());
                }
            }
        }
        return List.copyOf(chosen.entrySet());
    }

    public Spec spec() {
        return new Spec(name, position, LabelMatcher.specs(matchers), channelIds.stream().map(UUID::toString).toList(), groupBy,
                DurationField.text(timing.groupWait()), DurationField.text(timing.groupInterval()),
                DurationField.text(timing.repeatInterval()), timing.sendResolved(), continueMatching, defaultPolicy);
    }
}
