package io.telemetryflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestBatchTest {

    private static final IngestBatch.Request TRACES = new IngestBatch.Request("r-1", "TRACES", "o", "w", "t", 1_700_000_000_123L,
            new byte[]{1, 2, 3});
    private static final IngestBatch.Request EMPTY = new IngestBatch.Request(null, null, null, null, null, 0, new byte[0]);

    @Test
    void requestsSurviveTheRoundTripInOrder() throws IOException {
        IngestBatch decoded = IngestBatch.decode(new IngestBatch(List.of(TRACES, EMPTY)).encode());

        assertThat(decoded.requests()).hasSize(2);
        IngestBatch.Request first = decoded.requests().get(0);
        assertThat(first.requestId()).isEqualTo("r-1");
        assertThat(first.signal()).isEqualTo("TRACES");
        assertThat(List.of(first.organizationId(), first.workspaceId(), first.tenantId())).containsExactly("o", "w", "t");
        assertThat(first.receivedAtMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(first.payload()).containsExactly(1, 2, 3);
        IngestBatch.Request second = decoded.requests().get(1);
        assertThat(second.requestId()).as("absent properties travel as empty strings").isEmpty();
        assertThat(second.payload()).isEmpty();
    }

    @Test
    void anythingButACompleteBatchIsRefused() {
        byte[] good = new IngestBatch(List.of(TRACES)).encode();

        assertThatThrownBy(() -> IngestBatch.decode(new byte[0])).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> IngestBatch.decode(Arrays.copyOf(good, good.length - 1))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> IngestBatch.decode(Arrays.copyOf(good, good.length + 1))).isInstanceOf(IOException.class)
                .hasMessageContaining("after the last request");
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> IngestBatch.decode(otherVersion)).isInstanceOf(IOException.class).hasMessageContaining("version 9");
        byte[] hugeCount = good.clone();
        hugeCount[1] = 0x7f;
        assertThatThrownBy(() -> IngestBatch.decode(hugeCount)).isInstanceOf(IOException.class).hasMessageContaining("count");
    }
}
