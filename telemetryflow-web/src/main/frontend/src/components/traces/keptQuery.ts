import { computed } from 'vue'
import { useRoute, type LocationQueryRaw } from 'vue-router'

/** The time range and tenant of the current URL, carried over to the links of the trace pages. */
export function useKeptQuery() {
  const route = useRoute()
  const kept = computed<LocationQueryRaw>(() => ({ from: route.query.from, to: route.query.to, tenant: route.query.tenant }))
  return (extra: LocationQueryRaw = {}): LocationQueryRaw => ({ ...kept.value, ...extra })
}

export const SEND_TRACES_HINT =
  'Widen the time range, or send spans with OTLP/HTTP to port 4318, path /v1/traces ' +
  '(OTEL_EXPORTER_OTLP_ENDPOINT=http://<host>:4318 with the X-API-Key-ID and X-API-Key-Secret headers of an ingest key).'
