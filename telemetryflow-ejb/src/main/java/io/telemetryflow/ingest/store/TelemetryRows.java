package io.telemetryflow.ingest.store;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The rows of one OTLP request, one {@link TableBlock} per table that gets any, in {@link TelemetryTable} order. */
final class TelemetryRows {

    private final Map<TelemetryTable, TableBlock> blocks = new EnumMap<>(TelemetryTable.class);

    TableBlock block(TelemetryTable table) {
        return blocks.computeIfAbsent(table, TableBlock::new);
    }

    /** The non-empty blocks, in table order. */
    List<TableBlock> blocks() {
        return blocks.values().stream().filter(block -> block.rowCount() > 0).toList();
    }

    int rowCount(TelemetryTable table) {
        TableBlock block = blocks.get(table);
        return block == null ? 0 : block.rowCount();
    }
}
