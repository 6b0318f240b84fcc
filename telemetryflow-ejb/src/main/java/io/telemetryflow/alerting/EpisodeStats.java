package io.telemetryflow.alerting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Firing episodes from a rule's transitions into firing and into normal, per instance in time order: an episode starts
 * with a transition into firing (a return from recovering continues the episode) and ends at the next transition into
 * normal.
 */
record EpisodeStats(long firings, long resolved, Double meanTimeToResolveSeconds) {

    record Change(String fingerprint, String from, String to, long atMillis) {
    }

    static EpisodeStats of(List<Change> changes) {
        Map<String, Long> open = new HashMap<>();
        long firings = 0;
        long resolved = 0;
        long totalMillis = 0;
        for (Change change : changes) {
            if (change.to().equals("firing")) {
                if (!change.from().equals("recovering") || !open.containsKey(change.fingerprint())) {
                    firings++;
                    open.putIfAbsent(change.fingerprint(), change.atMillis());
                }
            } else if (change.to().equals("normal")) {
                Long since = open.remove(change.fingerprint());
                if (since != null) {
                    resolved++;
                    totalMillis += change.atMillis() - since;
                }
            }
        }
        return new EpisodeStats(firings, resolved, resolved == 0 ? null : totalMillis / 1000.0 / resolved);
    }
}
