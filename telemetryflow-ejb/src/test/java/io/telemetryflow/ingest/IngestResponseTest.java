package io.telemetryflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
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
}
