package io.telemetryflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.audit.AuditEvent.Result;
import io.telemetryflow.audit.AuditEvent.Type;
import io.telemetryflow.platform.error.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditLogFilterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void defaultsAreTheLastDayAndTheFirstHundredRows() {
        AuditLogFilter filter = parse(null, null, null, null, null, null, null, null, null, null);

        assertThat(filter.to()).isEqualTo(NOW);
        assertThat(filter.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(filter.limit()).isEqualTo(100);
        assertThat(filter.offset()).isZero();
        assertThat(filter.userId()).isNull();
        assertThat(filter.eventType()).isNull();
        assertThat(filter.result()).isNull();
        assertThat(filter.resource()).isNull();
        assertThat(filter.action()).isNull();
        assertThat(filter.organizationId()).isNull();
    }

    @Test
    void everyFilterIsParsed() {
        UUID user = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        AuditLogFilter filter = parse("2025-05-01T00:00:00Z", "2025-05-02T00:00:00.5Z", user.toString(), "authz", "DENIED",
                "/api/v2/iam", "GET iam:read", organization.toString(), "1000", "20");

        assertThat(filter.from()).isEqualTo(Instant.parse("2025-05-01T00:00:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2025-05-02T00:00:00.5Z"));
        assertThat(filter.userId()).isEqualTo(user);
        assertThat(filter.eventType()).isEqualTo(Type.AUTHZ);
        assertThat(filter.result()).isEqualTo(Result.DENIED);
        assertThat(filter.resource()).isEqualTo("/api/v2/iam");
        assertThat(filter.action()).isEqualTo("GET iam:read");
        assertThat(filter.organizationId()).isEqualTo(organization);
        assertThat(filter.limit()).isEqualTo(1000);
        assertThat(filter.offset()).isEqualTo(20);
    }

    @Test
    void onlyAFromIsAWindowUpToNowAndBlankMeansAbsent() {
        AuditLogFilter filter = parse("2025-05-30T12:00:00Z", "", " ", "", null, "", "", "", " ", "");

        assertThat(filter.from()).isEqualTo(Instant.parse("2025-05-30T12:00:00Z"));
        assertThat(filter.to()).isEqualTo(NOW);
        assertThat(filter.userId()).isNull();
        assertThat(filter.limit()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource({
            "from, yesterday",
            "to, 2025-13-01T00:00:00Z",
            "from, 1850-01-01T00:00:00Z",
            "from, +1000000000-01-01T00:00:00Z",
            "to, -1000000000-01-01T00:00:00Z",
            "to, 2300-01-01T00:00:00Z",
            "userId, not-a-uuid",
            "eventType, LOGIN",
            "result, OK",
            "organizationId, 42",
            "limit, 0",
            "limit, 1001",
            "limit, ten",
            "offset, -1",
            "offset, 1.5",
            "offset, 100001",
            "offset, 9223372036854775807"})
    void aBadValueIsA400NamingTheParameter(String field, String value) {
        assertThatThrownBy(() -> parse(field.equals("from") ? value : null, field.equals("to") ? value : null,
                field.equals("userId") ? value : null, field.equals("eventType") ? value : null, field.equals("result") ? value : null,
                null, null, field.equals("organizationId") ? value : null, field.equals("limit") ? value : null,
                field.equals("offset") ? value : null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
                    assertThat(rejected.field()).isEqualTo(field);
                });
    }

    @Test
    void aRangeBeyondWhatTheStoreHoldsIsA400OnItsFirstEnd() {
        assertThatThrownBy(() -> parse("+1000000000-01-01T00:00:00Z", "+1000000000-01-02T00:00:00Z", null, null, null, null, null,
                null, null, null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo("from");
                    assertThat(rejected.getMessage()).contains("must lie between");
                });
        // the default start, a day before to, must be storable too
        assertThatThrownBy(() -> parse(null, "1900-01-01T00:00:00Z", null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("from"));
    }

    @Test
    void anEmptyOrReversedRangeAndOverlongTextAreRejected() {
        assertThatThrownBy(() -> parse("2025-05-02T00:00:00Z", "2025-05-01T00:00:00Z", null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("from"));
        assertThatThrownBy(() -> parse("2025-05-01T00:00:00Z", "2025-05-01T00:00:00Z", null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("from"));
        assertThatThrownBy(() -> parse(null, null, null, null, null, "x".repeat(501), null, null, null, null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("resource"));
        assertThatThrownBy(() -> parse(null, null, null, null, null, null, "y".repeat(501), null, null, null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("action"));
    }

    private static AuditLogFilter parse(String from, String to, String userId, String eventType, String result, String resource,
                                        String action, String organizationId, String limit, String offset) {
        return AuditLogFilter.parse(from, to, userId, eventType, result, resource, action, organizationId, limit, offset, NOW);
    }
}
