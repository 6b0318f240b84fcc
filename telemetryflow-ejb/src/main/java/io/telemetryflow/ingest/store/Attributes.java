package io.telemetryflow.ingest.store;

/**
 * One attribute list in the schema's typed representation: {@code keys[i]} has the string form {@code values[i]};
 * {@code types[i]} names its OTLP type, or is null for a string (strings get no entry in the {@code _types} map).
 * Keys are unique and sorted, so equal attribute sets always encode to equal maps (the metric sort key hashes them).
 */
record Attributes(String[] keys, String[] values, String[] types, int typedCount) {

    static final Attributes EMPTY = new Attributes(new String[0], new String[0], new String[0], 0);

    int size() {
        return keys.length;
    }

    /** {@code Map(LowCardinality(String), String)}: every value's string form. */
    void writeValues(RowBinary out) {
        out.varUInt(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.string(keys[i]).string(values[i]);
        }
    }

    /** {@code Map(LowCardinality(String), LowCardinality(String))}: the type of each non-string value. */
    void writeTypes(RowBinary out) {
        out.varUInt(typedCount);
        for (int i = 0; i < keys.length; i++) {
            if (types[i] != null) {
                out.string(keys[i]).string(types[i]);
            }
        }
    }

    /** Both maps, values first: the order of every {@code X}, {@code X_types} column pair. */
    void write(RowBinary out) {
        writeValues(out);
        writeTypes(out);
    }
}
