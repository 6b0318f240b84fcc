import { ref, shallowRef } from 'vue'
import { ApiError } from '../api/client'

/**
 * One form's or button's call: `busy` while it runs, `error` (the server's problem, whose `field` names the input to
 * highlight) when it failed. `run` answers the call's value, or undefined when it failed.
 */
export function useAction() {
  const busy = ref(false)
  const error = shallowRef<ApiError | null>(null)

  async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = null
    try {
      return await call()
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError(0, 'Error', (e as Error).message)
      return undefined
    } finally {
      busy.value = false
    }
  }

  /** True when the last failure names `field` (a 400 on that input, or e.g. a 409 on a taken email). */
  function invalid(field: string): boolean {
    return error.value?.field === field
  }

  return { busy, error, run, invalid, reset: () => (error.value = null) }
}
