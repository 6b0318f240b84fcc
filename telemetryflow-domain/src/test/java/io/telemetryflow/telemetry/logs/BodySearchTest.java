package io.telemetryflow.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BodySearchTest {

    private static BodySearch.Term token(String text) {
        return new BodySearch.Term(text, true);
    }

    private static BodySearch.Term substring(String text) {
        return new BodySearch.Term(text, false);
    }

    @Test
    void wordsOfTokenCharactersAreTokensEverythingElseASubstring() {
        assertThat(BodySearch.parse("  timeout  Cart\tcafé 42 ").terms())
                .containsExactly(token("timeout"), token("Cart"), token("café"), token("42"));
        // separators as ClickHouse's hasToken sees them: any ASCII character that is not a letter or digit, '_' included
        assertThat(BodySearch.parse("user_42 /api/cart a.b x-y 50% it's").terms())
                .containsExactly(substring("user_42"), substring("/api/cart"), substring("a.b"), substring("x-y"), substring("50%"),
                        substring("it's"));
        assertThat(BodySearch.parse("a\ud800 \ud83d\ude00").terms()).containsExactly(substring("a\ud800"), token("\ud83d\ude00"));
    }

    @Test
    void quotedPhrasesAreSubstringsTakenLiterally() {
        assertThat(BodySearch.parse("error \"connection reset\" by\"peer\"x \"\"").terms())
                .containsExactly(token("error"), substring("connection reset"), token("by"), substring("peer"), token("x"));
        assertThat(BodySearch.parse("\"cart\"").terms()).containsExactly(substring("cart"));
        assertThat(BodySearch.parse(null).terms()).isEmpty();
        assertThat(BodySearch.parse(" \n ").terms()).isEmpty();
    }

    @Test
    void badQueriesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> BodySearch.parse("error \"unclosed")).isInstanceOf(Rejected.class)
                .extracting(e -> ((Rejected) e).field()).isEqualTo("query");
        assertThatThrownBy(() -> BodySearch.parse("x".repeat(BodySearch.MAX_QUERY_LENGTH + 1))).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> BodySearch.parse("a ".repeat(BodySearch.MAX_TERMS + 1))).isInstanceOf(Rejected.class);
    }

    @Test
    void substringsEscapeLikeWildcardsAndTermsTravelAsParameters() {
        assertThat(BodySearch.likePattern("50%_off\\x")).isEqualTo("%50\\%\\_off\\\\x%");

        TelemetrySql sql = TelemetrySql.forTenant(new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        BodySearch.parse("timeout ' OR 1=1 -- \"a'b\"").applyTo(sql);
        assertThat(sql.conditions()).isEqualTo("""
                tenant_id = {tenant_id:UUID}
                  AND (hasToken(body, {p0:String}))
                  AND (body LIKE {p1:String})
                  AND (hasToken(body, {p2:String}))
                  AND (body LIKE {p3:String})
                  AND (body LIKE {p4:String})
                  AND (body LIKE {p5:String})""");
        assertThat(sql.build("SELECT 1 WHERE " + sql.conditions()).parameters())
                .containsEntry("p0", "timeout").containsEntry("p1", "%'%").containsEntry("p2", "OR")
                .containsEntry("p3", "%1=1%").containsEntry("p4", "%--%").containsEntry("p5", "%a'b%");
    }
}
