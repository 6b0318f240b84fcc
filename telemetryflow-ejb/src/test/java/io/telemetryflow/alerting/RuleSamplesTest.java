package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleSamplesTest {

    private static final Rejected BUSY = Rejected.tooManyRequests("this tenant has 8 telemetry queries running already", 1);

    @Test
    void anEvaluationWaitsForItsTenantsReadSlotInsteadOfFailing() {
        AtomicInteger tries = new AtomicInteger();
        String read = RuleSamples.admitted(() -> {
            if (tries.incrementAndGet() < 3) {
                throw BUSY;
            }
            return "read";
        });
        assertThat(read).isEqualTo("read");
        assertThat(tries).hasValue(3);
    }

    @Test
    void otherRefusalsPassAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> RuleSamples.admitted(() -> {
            tries.incrementAndGet();
            throw Rejected.invalid(null, "the query ran longer than the execution time limit");
        })).isInstanceOf(Rejected.class).hasMessageContaining("execution time limit");
        assertThat(tries).hasValue(1);
    }

    @Test
    void aTenantBusyForLongerThanTheWaitFailsTheEvaluationWithTheRefusal() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> RuleSamples.admitted(() -> {
            tries.incrementAndGet();
            throw BUSY;
        })).isSameAs(BUSY);
        // about ADMISSION_WAIT / 100 ms tries; bounded both ways without timing the test
        assertThat(tries.get()).isGreaterThan(5).isLessThanOrEqualTo(60);
    }

    @Test
    void batchQueriesAreCutInPartsOfAtMostSoManyQuestionsAndAQueryTextClickHouseAccepts() {
        TenantPlacement tenant = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Integer> questions = IntStream.range(0, 600).boxed().toList();
        // a stand-in query whose text grows with its questions: 1,000 characters each (a rule with many filters)
        Function<List<Integer>, TelemetrySql.Query> query = some -> new TelemetrySql.Query("SELECT 1 FROM otel_logs WHERE "
                + TelemetrySql.TENANT_PREDICATE + " AND " + "1 = 1 AND ".repeat(some.size() * 100) + "1", Map.of("tenant_id",
                tenant.tenantId().toString()));

        List<RuleSamples.Part<Integer>> parts = RuleSamples.parts(questions, query);

        assertThat(parts).allSatisfy(part -> {
            assertThat(part.questions()).hasSizeLessThanOrEqualTo(RuleSamples.BATCH_QUESTIONS);
            assertThat(part.query().sql().length()).isLessThanOrEqualTo(RuleSamples.MAX_BATCH_SQL);
            assertThat(part.query()).isEqualTo(query.apply(part.questions()));
        });
        assertThat(parts.stream().flatMap(part -> part.questions().stream()).toList()).isEqualTo(questions);
        assertThat(parts).hasSizeGreaterThan(600 / RuleSamples.BATCH_QUESTIONS + 1);   // cut by length, not only by count
        // short queries: parts of BATCH_QUESTIONS
        assertThat(RuleSamples.parts(questions, some -> query.apply(List.of()))).extracting(part -> part.questions().size())
                .containsExactly(RuleSamples.BATCH_QUESTIONS, RuleSamples.BATCH_QUESTIONS, 600 - 2 * RuleSamples.BATCH_QUESTIONS);
    }
}
