import { computed, onBeforeUnmount, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { DEFAULT_RANGE, resolveRange, type TimeRange } from '../lib/timeRange'

// One counter for the whole console: the picker's reload button and its auto-refresh bump it, every page watches it.
const tick = ref(0)

/**
 * The page's time range and auto-refresh, read from the URL (`from`, `to`, `refresh` seconds). `tick` changes on every
 * reload and auto-refresh, so a page that watches it reloads. Only the time picker passes `drivesRefresh`: it owns the
 * auto-refresh timer.
 */
export function useTimeRange(options: { drivesRefresh?: boolean } = {}) {
  const route = useRoute()
  const router = useRouter()

  const range = computed<TimeRange>(() => ({
    from: typeof route.query.from === 'string' ? route.query.from : DEFAULT_RANGE.from,
    to: typeof route.query.to === 'string' ? route.query.to : DEFAULT_RANGE.to,
  }))
  const refreshSeconds = computed(() => Number(route.query.refresh) || 0)
  const resolved = computed(() => {
    void tick.value
    return resolveRange(range.value, Date.now())
  })

  if (options.drivesRefresh) {
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
  }

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
