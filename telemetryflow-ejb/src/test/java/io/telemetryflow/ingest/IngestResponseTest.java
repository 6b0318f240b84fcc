package io.telemetryflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.platform.error.Rejected;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IngestResponseTest {

    @Test
    void anErrorIsAStatusEncodedLikeTheRequest() throws Exception {
        IngestResponse protobuf = IngestResponse.error(OtlpEncoding.PROTOBUF, 401, 16, "missing key");
        assertThat(protobuf.status()).isEqualTo(401);
        assertThat(protobuf.contentType()).isEqualTo("application/x-protobuf");
        assertThat(Status.parseFrom(protobuf.body())).isEqualTo(Status.newBuilder().setCode(16).setMessage("missing key").build());

        IngestResponse json = IngestResponse.error(OtlpEncoding.JSON, 429, 8, "slow down");
        assertThat(json.contentType()).isEqualTo("application/json");
        Status.Builder parsed = Status.newBuilder();
        JsonFormat.parser().merge(new String(json.body(), StandardCharsets.UTF_8), parsed);
        assertThat(parsed.getMessage()).isEqualTo("slow down");
        assertThat(parsed.getCode()).isEqualTo(8);
    }

    @Test
    void unavailableIsARetryable503InTheRequestsEncodingOrProtobuf() throws Exception {
        IngestResponse json = IngestResponse.unavailable("application/json; charset=utf-8", 5);
        assertThat(json.status()).isEqualTo(503);
        assertThat(json.retryAfterSeconds()).isEqualTo(5);
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).contains("retry later");

        IngestResponse unknown = IngestResponse.unavailable("text/plain", 5);
        assertThat(unknown.contentType()).isEqualTo("application/x-protobuf");
        assertThat(Status.parseFrom(unknown.body()).getCode()).isEqualTo(IngestResponse.UNAVAILABLE);
    }

    @Test
    void aRequestRefusedBeforeItsKeyWasJudgedIsRetryableInTheRequestsEncoding() throws Exception {
        IngestResponse throttled = IngestResponse.refused(OtlpEncoding.JSON,
                Rejected.tooManyRequests("too many failed API-key authentications from this address; retry later", 17));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.retryAfterSeconds()).isEqualTo(17);
        assertThat(throttled.contentType()).isEqualTo("application/json");
        Status.Builder parsed = Status.newBuilder();
        JsonFormat.parser().merge(new String(throttled.body(), StandardCharsets.UTF_8), parsed);
        assertThat(parsed.getCode()).isEqualTo(IngestResponse.RESOURCE_EXHAUSTED);
        assertThat(parsed.getMessage()).contains("failed API-key authentications");

        IngestResponse busy = IngestResponse.refused(OtlpEncoding.PROTOBUF, Rejected.unavailable("too many credential checks", 2));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.retryAfterSeconds()).isEqualTo(2);
        assertThat(Status.parseFrom(busy.body()).getCode()).isEqualTo(IngestResponse.UNAVAILABLE);
    }
}
