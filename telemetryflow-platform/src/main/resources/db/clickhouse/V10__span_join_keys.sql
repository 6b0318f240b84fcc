-- The service map's join keys, computed once when a span is stored instead of at every query.
--
-- The map joins each child span to its parent (a CLIENT or PRODUCER span of another service) on a
-- 64-bit hash of (trace id, span id). Hashing at query time read the 32-character trace id and the
-- span ids of every span in the range, most of the bytes the query decompressed; reading the two
-- stored hashes instead took the edge query from 122-145 to 71-80 ms in ClickHouse over an hour of
-- the benchmark data (same result). The cost is about 15 bytes a span (random hashes do not
-- compress), about 30 % more than the table's other columns on that data.
--
-- parent_key is 0 for a root span. Parts written before this migration compute both on read (as
-- the query did) until the mutation below has rewritten them; nothing waits for it.

ALTER TABLE ${database}.otel_traces ${on_cluster}
    ADD COLUMN IF NOT EXISTS span_key UInt64 MATERIALIZED cityHash64(trace_id, span_id) CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS parent_key UInt64 MATERIALIZED if(parent_span_id = '', 0, cityHash64(trace_id, parent_span_id)) CODEC(ZSTD(1));

ALTER TABLE ${database}.otel_traces ${on_cluster} MATERIALIZE COLUMN span_key;

ALTER TABLE ${database}.otel_traces ${on_cluster} MATERIALIZE COLUMN parent_key;
