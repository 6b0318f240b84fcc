package io.telemetryflow.alerting;

import java.time.Duration;
import java.time.Instant;

/**
 * The state machine of one alert instance (docs/alerting.md, "Alert rules and states"). Each evaluation moves an
 * instance at most one step, so every change is one transition with one reason:
 * <pre>
 * NORMAL/NO_DATA/ERROR --breach--> PENDING (or FIRING at once when pendingFor is 0)
 * PENDING --breach for pendingFor--> FIRING     PENDING --clear--> NORMAL
 * FIRING --recovered--> RECOVERING              (with a recovery threshold, "recovered" means past it: hysteresis)
 * RECOVERING --breach--> FIRING                 RECOVERING --recovered for keepFiringFor--> NORMAL
 * NO_DATA/ERROR --clear--> NORMAL
 * </pre>
 * A value between the recovery threshold and the threshold changes nothing: a firing instance keeps firing, a
 * recovering one keeps recovering (its keepFiringFor clock keeps running), a normal one stays normal. That band is what
 * keeps a value oscillating around the threshold from firing again and again.
 */
final class InstanceMachine {

    private InstanceMachine() {
    }

    static InstanceState next(AlertRule rule, InstanceState previous, Observation observation, Instant at) {
        InstanceState current = new InstanceState(previous.state(), previous.stateSince(), previous.pendingSince(), previous.firingSince(),
                previous.lastBreachAt(), observation.value(), previous.reason(), 0);
        return switch (observation.kind()) {
            case DATA -> observation.breach() ? breach(rule.condition(), current, observation.detail(), at)
                    : clear(rule.condition(), current, observation.detail(), observation.recovered(), at);
            case NO_DATA -> mapped(rule.condition(), rule.noData(), AlertState.NO_DATA, current, observation.detail(), at);
            case ERROR -> mapped(rule.condition(), rule.onError(), AlertState.ERROR, current, observation.detail(), at);
        };
    }

    private static InstanceState mapped(AlertCondition condition, StateMapping mapping, AlertState own, InstanceState current, String detail,
                                        Instant at) {
        return switch (mapping) {
            case FIRING -> breach(condition, current, detail, at);
            case NORMAL -> clear(condition, current, detail, true, at);
            case OWN_STATE -> current.state() == own ? current : enter(current, own, at, null, null, detail);
            case KEEP_LAST -> current;
        };
    }

    private static InstanceState breach(AlertCondition condition, InstanceState current, String detail, Instant at) {
        InstanceState breached = new InstanceState(current.state(), current.stateSince(), current.pendingSince(), current.firingSince(), at,
                current.value(), current.reason(), 0);
        return switch (current.state()) {
            case NORMAL, NO_DATA, ERROR -> condition.pendingFor().isZero() ? enter(breached, AlertState.FIRING, at, at, at, detail)
                    : enter(breached, AlertState.PENDING, at, at, null, detail);
            case PENDING -> {
                Duration pending = Duration.between(current.pendingSince(), at);
                yield pending.compareTo(condition.pendingFor()) >= 0
                        ? enter(breached, AlertState.FIRING, at, current.pendingSince(), at, detail + " for " + RuleFields.format(pending))
                        : breached;
            }
            case FIRING -> breached;
            case RECOVERING -> enter(breached, AlertState.FIRING, at, current.pendingSince(), current.firingSince(), detail);
        };
    }

    private static InstanceState clear(AlertCondition condition, InstanceState current, String detail, boolean recovered, Instant at) {
        return switch (current.state()) {
            case NORMAL -> current;
            case PENDING, NO_DATA, ERROR -> enter(current, AlertState.NORMAL, at, null, null, detail);
            case FIRING -> recovered ? enter(current, AlertState.RECOVERING, at, current.pendingSince(), current.firingSince(), detail) : current;
            case RECOVERING -> {
                Duration recovering = Duration.between(current.stateSince(), at);
                yield recovered && recovering.compareTo(condition.keepFiringFor()) >= 0
                        ? enter(current, AlertState.NORMAL, at, null, null, detail + " for " + RuleFields.format(recovering))
                        : current;
            }
        };
    }

    private static InstanceState enter(InstanceState current, AlertState state, Instant at, Instant pendingSince, Instant firingSince,
                                       String reason) {
        return new InstanceState(state, at, pendingSince, firingSince, current.lastBreachAt(), current.value(), reason, 0);
    }
}
