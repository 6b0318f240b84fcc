package io.telemetryflow.alerting;

import io.telemetryflow.platform.error.Rejected;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * What the enabled whole-minute rules of a tenant ask ({@link Question}), read from PostgreSQL at most every
 * {@link #KEPT_FOR} per tenant: the questions {@link RuleSamples} reads together in one batch when the first of those
 * rules is evaluated in a minute, so that the batch already holds the answers of the rules evaluated after it.
 */
@ApplicationScoped
public class TenantQuestions {

    static final Duration KEPT_FOR = Duration.ofSeconds(30);

    /** A rule's query with the length and step of its whole-minute windows. */
    record Question(RuleQuery query, long windowMillis, long stepMillis) {
    }

    private record Known(long readNanos, List<Question> questions) {
    }

    private final ConcurrentHashMap<UUID, Known> known = new ConcurrentHashMap<>();

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    @Inject
    AlertingSettings settings;

    /** The questions of the tenant's enabled whole-minute rules, as read at most {@link #KEPT_FOR} ago. */
    List<Question> of(UUID tenantId, Instant now) {
        long asked = System.nanoTime();
        Known questions = known.get(tenantId);
        if (questions == null || asked - questions.readNanos() > KEPT_FOR.toNanos()) {
            questions = new Known(asked, read(tenantId, now));
            known.put(tenantId, questions);
        }
        return questions.questions();
    }

    private List<Question> read(UUID tenantId, Instant now) {
        List<Question> questions = new ArrayList<>();
        try (Connection connection = postgres.getConnection();
             PreparedStatement rules = connection.prepareStatement("SELECT spec FROM alert_rules WHERE tenant_id = ? AND enabled "
                     + "AND deleted_at IS NULL")) {
            rules.setObject(1, tenantId);
            try (ResultSet rows = rules.executeQuery()) {
                while (rows.next()) {
                    try {
                        AlertRule rule = AlertJson.spec(rows.getString(1)).parse(now, settings.limits());
                        if (EvaluationWindow.wholeMinutes(rule)) {
                            EvaluationWindow window = EvaluationWindow.of(rule, now);
                            questions.add(new Question(rule.query(), window.to().toEpochMilli() - window.from().toEpochMilli(),
                                    window.step().toMillis()));
                        }
                    } catch (Rejected e) {
                        // no longer valid under the operator's bounds: its own evaluation says so
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the alert rules of tenant " + tenantId, e);
        }
        return List.copyOf(questions);
    }
}
