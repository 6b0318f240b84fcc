package io.telemetryflow.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.telemetryflow.ingest.otlp.OtlpValues;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure parts of the writer: value encoding, RowBinary, insert settings (no ClickHouse needed). */
class StoreEncodingTest {

    @Test
    void scalarsHaveTheSchemasStringFormsAndTypes() {
        Attributes attributes = AttributeEncoder.encode(List.of(
                kv("s", AnyValue.newBuilder().setStringValue("x").build()),
                kv("i", AnyValue.newBuilder().setIntValue(-503).build()),
                kv("d", AnyValue.newBuilder().setDoubleValue(4.0).build()),
                kv("e", AnyValue.newBuilder().setDoubleValue(1e-9).build()),
                kv("inf", AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY).build()),
                kv("b", AnyValue.newBuilder().setBoolValue(false).build()),
                kv("y", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(HexFormat.of().parseHex("deadbeef"))).build()),
                kv("n", AnyValue.getDefaultInstance()),
                kv("i", AnyValue.newBuilder().setIntValue(1).build()))); // duplicate: the first one stays
        assertThat(attributes.keys()).containsExactly("b", "d", "e", "i", "inf", "n", "s", "y");
        assertThat(attributes.values()).containsExactly("false", "4.0", "1.0E-9", "-503", "-Infinity", "", "x", "3q2+7w==");
        assertThat(attributes.types()).containsExactly("bool", "double", "double", "int", "double", "empty", null, "bytes");
        assertThat(attributes.typedCount()).isEqualTo(7);
    }

    @Test
    void arraysAndKvlistsAreCompactJsonThatKeepsIntsApartFromDoubles() {
        AnyValue nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("q\"uote", AnyValue.newBuilder().setStringValue("line\nbreak\u0001").build()))
                .addValues(kv("n", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
                .addValues(kv("n", AnyValue.newBuilder().setIntValue(1).build()))
                .addValues(kv("z", AnyValue.getDefaultInstance()))).build();
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setIntValue(3))
                .addValues(AnyValue.newBuilder().setDoubleValue(3))
                .addValues(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1})))
                .addValues(nested)).build();
        assertThat(AttributeEncoder.type(array)).isEqualTo("array");
        assertThat(OtlpValues.stringForm(array))
                .isEqualTo("[3,3.0,\"AQ==\",{\"q\\\"uote\":\"line\\nbreak\\u0001\",\"n\":\"NaN\",\"z\":null}]");
        assertThat(AttributeEncoder.type(AnyValue.newBuilder().setStringValue("s").build())).isEqualTo("string");
    }

    @Test
    void idsAreLowercaseHexAndAllZeroIdsAreAbsent() {
        assertThat(OtlpValues.hexId(ByteString.copyFrom(HexFormat.of().parseHex("5B8EFFF798038103D269B633813FC60C"))))
                .isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(OtlpValues.hexId(ByteString.EMPTY)).isEmpty();
        assertThat(OtlpValues.hexId(ByteString.copyFrom(new byte[8]))).isEmpty();
        assertThat(OtlpValues.nanos(-1L)).isEqualTo(Long.MAX_VALUE);
        assertThat(OtlpValues.spanKind(2)).isEqualTo("SERVER");
        assertThat(OtlpValues.spanKind(9)).isEqualTo("9");
        assertThat(OtlpValues.statusCode(2)).isEqualTo("ERROR");
    }

    @Test
    void rowBinaryIsLittleEndianWithLeb128Lengths() {
        RowBinary out = new RowBinary(1);
        out.varUInt(300).int32(1).int64(-1).string("é").uuid(UUID.fromString("00000000-0000-0001-0000-000000000002"))
                .nullableFloat64(false, 0).nullableFloat64(true, 1.0);
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(
                "ac02" + "01000000" + "ffffffffffffffff" + "02c3a9" + "0100000000000000" + "0200000000000000"
                        + "01" + "00" + "000000000000f03f");
    }

    @Test
    void theHeaderNamesEveryColumnWithItsType() {
        assertThat(TelemetryTable.TRACES.columnNames()).doesNotContain("service_name", "duration_ns").startsWith("organization_id");
        assertThat(TelemetryTable.LOGS.columnNames()).doesNotContain("severity_level");
        assertThat(TelemetryTable.METRICS_SUMMARY.columnNames()).doesNotContain("exemplars").endsWith("quantile_values");
        byte[] header = TelemetryTable.METRICS_GAUGE.headerView();
        assertThat(header[0]).isEqualTo((byte) TelemetryTable.METRICS_GAUGE.columnNames().size());
    }

    @Test
    void everyInsertCarriesTheDeduplicationSettings() {
        var settings = ClickHouseTelemetryWriter.insertSettings("msg-17", TelemetryTable.METRICS_SUM, "telemetryflow").getAllSettings();
        assertThat(settings).containsOnly(
                entry("database", "telemetryflow"),
                entry("clickhouse_setting_insert_deduplication_token", "msg-17:otel_metrics_sum"),
                entry("clickhouse_setting_deduplicate_blocks_in_dependent_materialized_views", "1"),
                entry("clickhouse_setting_insert_deduplicate", "1"),
                entry("clickhouse_setting_async_insert", "0"));
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
