import { computed, type Ref } from 'vue'
import type { TimeRange } from '../../lib/timeRange'
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

/**
 * The range's ends as computed strings, to reload on. A computed only notifies when its value changes, so the pages do
 * not reload on unrelated URL changes (a filter box, a sort): `range` itself is a new object on every URL change, and
 * useLoader watches deeply, which fires on every notification.
 */
export function useRangeKeys(range: Ref<TimeRange>) {
  return { from: computed(() => range.value.from), to: computed(() => range.value.to) }
}
