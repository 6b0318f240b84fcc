package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleTemplatesTest {

    @Test
    void thereAre33TemplatesWithUniqueIdsInTheFiveCategories() {
        assertThat(RuleTemplates.all()).hasSize(33);
        assertThat(RuleTemplates.all()).extracting(RuleTemplate::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9-]+"));
        Map<String, Long> perCategory = RuleTemplates.all().stream().collect(Collectors.groupingBy(RuleTemplate::category, Collectors.counting()));
        assertThat(perCategory.keySet()).containsExactlyInAnyOrderElementsOf(RuleTemplates.CATEGORIES);
        assertThat(perCategory.values()).allMatch(count -> count >= 5);
    }

    @Test
    void everyTemplateParsesAsARuleAndSaysWhatItWatches() {
        for (RuleTemplate template : RuleTemplates.all()) {
            AlertRule rule = template.spec().parse(RuleFixture.NOW, RuleLimits.defaults());
            assertThat(rule.name()).as(template.id()).isEqualTo(template.title());
            assertThat(rule.labels()).as(template.id()).containsEntry("template", template.id()).containsEntry("category", template.category());
            assertThat(rule.annotations().get("summary")).as(template.id()).isNotBlank();
            assertThat(rule.annotations().get("description")).as(template.id()).isNotBlank();
            assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(rule.enabled()).isTrue();
        }
    }

    @Test
    void metricTemplatesUseSemanticConventionNamesAndGroupPerMonitoredThing() {
        Map<String, RuleTemplate> byId = RuleTemplates.all().stream().collect(Collectors.toMap(RuleTemplate::id, Function.identity()));
        for (RuleTemplate template : RuleTemplates.all()) {
            AlertRule rule = template.spec().parse(RuleFixture.NOW, RuleLimits.defaults());
            if (rule.query() instanceof MetricRuleQuery metric) {
                assertThat(metric.metric()).as(template.id()).matches("[a-z0-9_]+(\\.[a-z0-9_]+)+");
                assertThat(metric.groupBy()).as(template.id()).isNotEmpty();
            }
        }
        MetricRuleQuery cpu = (MetricRuleQuery) byId.get("host-cpu-saturated").spec().parse(RuleFixture.NOW, RuleLimits.defaults()).query();
        assertThat(cpu.metric()).isEqualTo("system.cpu.utilization");
        assertThat(cpu.filters()).containsExactly(new MetricSeriesRequest.Filter("state", "eq", "idle", null));
        assertThat(byId.get("k8s-container-restarting").spec().query().metric()).isEqualTo("k8s.container.restarts");
        assertThat(byId.get("lb-5xx-errors").spec().query().filters()).extracting(MetricSeriesRequest.Filter::key)
                .containsExactly("http.response.status_code");
        assertThat(byId.get("redis-down").spec().kind()).isEqualTo("absence");
    }

    @Test
    void templatesWithARecoveryThresholdKeepItOnTheQuietSide() {
        for (RuleTemplate template : RuleTemplates.all()) {
            AlertCondition condition = template.spec().parse(RuleFixture.NOW, RuleLimits.defaults()).condition();
            if (condition.recoveryThreshold() != null) {
                assertThat(condition.operator().test(condition.recoveryThreshold(), condition.threshold())).as(template.id()).isFalse();
            }
        }
    }
}
