import { onBeforeUnmount, ref, shallowRef, toValue, watch, type WatchSource } from 'vue'
import { ApiError } from '../api/client'

/**
 * Loads data whenever a source changes: `loading`, `error` (an ApiError) and `data` for the page's states. A 503 (store
 * unavailable) is retried by itself after the server's Retry-After. Earlier data stays shown while a reload runs.
 */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>, sources: WatchSource[] = [], options = { immediate: true }) {
  const data = shallowRef<T | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const loading = ref(false)
  let controller: AbortController | null = null
  let retry: ReturnType<typeof setTimeout> | null = null

  async function run() {
    controller?.abort()
    if (retry) clearTimeout(retry)
    const current = new AbortController()
    controller = current
    loading.value = true
    try {
      const value = await load(current.signal)
      if (current.signal.aborted) return
      data.value = value
      error.value = null
    } catch (e) {
      if (current.signal.aborted || (e as Error).name === 'AbortError') return
      error.value = e instanceof ApiError ? e : new ApiError(0, 'Error', (e as Error).message)
      if (error.value.status === 503) {
        retry = setTimeout(run, (error.value.retryAfterSeconds ?? 5) * 1000)
      }
    } finally {
      if (controller === current) loading.value = false
    }
  }

  // compared by value: a computed that builds a new object on every URL change (a range, a filter set) reloads only
  // when what it holds changed, not when an unrelated query parameter did
  if (sources.length) watch(() => JSON.stringify(sources.map((source) => toValue(source))), run)
  if (options.immediate) void run()
  onBeforeUnmount(() => {
    controller?.abort()
    if (retry) clearTimeout(retry)
  })
  return { data, error, loading, reload: run }
}
