import { computed, onBeforeUnmount, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { DEFAULT_RANGE, resolveRange, type TimeRange } from '../lib/timeRange'

/**
 * The page's time range and auto-refresh, read from the URL (`from`, `to`, `refresh` seconds). `tick` changes on every
 * auto-refresh, so a page that watches it reloads.
 */
export function useTimeRange() {
  const route = useRoute()
  const router = useRouter()
  const tick = ref(0)

  const range = computed<TimeRange>(() => ({
    from: typeof route.query.from === 'string' ? route.query.from : DEFAULT_RANGE.from,
    to: typeof route.query.to === 'string' ? route.query.to : DEFAULT_RANGE.to,
  }))
  const refreshSeconds = computed(() => Number(route.query.refresh) || 0)
  const resolved = computed(() => {
    void tick.value
    return resolveRange(range.value, Date.now())
  })

  let timer: ReturnType<typeof setInterval> | null = null
  watch(
    refreshSeconds,
    (seconds) => {
      if (timer) clearInterval(timer)
      timer = seconds > 0 ? setInterval(() => tick.value++, seconds * 1000) : null
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer)
  })

  function setRange(next: TimeRange) {
    void router.replace({
      query: {
        ...route.query,
        from: next.from === DEFAULT_RANGE.from && next.to === DEFAULT_RANGE.to ? undefined : next.from,
        to: next.to === DEFAULT_RANGE.to ? undefined : next.to,
      },
    })
  }

  function setRefresh(seconds: number) {
    void router.replace({ query: { ...route.query, refresh: seconds ? String(seconds) : undefined } })
  }

  return { range, resolved, refreshSeconds, tick, setRange, setRefresh, reload: () => tick.value++ }
}
