package io.telemetryflow.notifications;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Why an alert is not notified right now, if it is not: an active silence, an open maintenance window, or an
 * inhibition by another firing alert of the tenant. Decided at flush time, as Alertmanager does.
 */
public record Muting(List<Silence> silences, List<MaintenanceWindow> windows, List<InhibitionRule> inhibitions,
                     Collection<ActiveAlert> firing, Instant now) {

    public enum Reason {
        SILENCED, MAINTENANCE, INHIBITED
    }

    public Optional<Reason> reason(ActiveAlert alert) {
        for (Silence silence : silences) {
            if (silence.mutes(alert.labels(), now)) {
                return Optional.of(Reason.SILENCED);
            }
        }
        for (MaintenanceWindow window : windows) {
            if (window.mutes(alert.labels(), now)) {
                return Optional.of(Reason.MAINTENANCE);
            }
        }
        for (InhibitionRule rule : inhibitions) {
            if (rule.inhibits(alert, firing)) {
                return Optional.of(Reason.INHIBITED);
            }
        }
        return Optional.empty();
    }
}
