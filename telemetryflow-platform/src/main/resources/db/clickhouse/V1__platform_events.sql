-- Platform lifecycle events (node start, migrations, bootstrap): proves the migration path and
-- gives operators a trail of what each node did. Telemetry tables come with the ingestion schema.
CREATE TABLE IF NOT EXISTS ${database}.platform_events ${on_cluster}
(
    event_time DateTime64(9, 'UTC') DEFAULT now64(9),
    node LowCardinality(String),
    event_type LowCardinality(String),
    message String,
    attributes Map(LowCardinality(String), String)
)
ENGINE = MergeTree
PARTITION BY toDate(event_time)
ORDER BY (event_type, event_time)
TTL toDateTime(event_time) + INTERVAL 90 DAY;
