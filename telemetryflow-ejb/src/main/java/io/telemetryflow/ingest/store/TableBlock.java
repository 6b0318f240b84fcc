package io.telemetryflow.ingest.store;

import java.io.InputStream;

/** The rows of one batch for one table, as a RowBinaryWithNamesAndTypes body built in memory once. */
final class TableBlock {

    private final TelemetryTable table;
    private final RowBinary rows = new RowBinary(8 * 1024);
    private int rowCount;

    TableBlock(TelemetryTable table) {
        this.table = table;
        rows.raw(table.headerView()); // the body is one array: the client resets the stream when it retries
    }

    TelemetryTable table() {
        return table;
    }

    /** Where the next row's values go; call {@link #endRow()} after writing all of its columns. */
    RowBinary out() {
        return rows;
    }

    void endRow() {
        rowCount++;
    }

    int rowCount() {
        return rowCount;
    }

    int byteSize() {
        return rows.size();
    }

    /** Header then rows, without copying them; supports mark/reset. */
    InputStream body() {
        return rows.asInputStream();
    }
}
