// The read API allows a few telemetry queries per user at once and answers more with 429 (and Retry-After): a page
// that opens while the previous page's queries still run on the server would show that error for a moment's overlap.
import { ApiError } from '../api/client'

export interface RetryOptions {
  attempts?: number
  /** Longest wait honoured from Retry-After; a longer one (e.g. a spent per-minute budget) is shown instead. */
  maxWaitMs?: number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new DOMException('aborted', 'AbortError'))
    })
  })
}

/** Runs `load`, again after a short wait when the server answers 429 (at most `attempts` tries in all). */
export async function retryBusy<T>(load: () => Promise<T>, signal?: AbortSignal, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3
  const maxWaitMs = options.maxWaitMs ?? 3000
  const sleep = options.sleep ?? pause
  for (let attempt = 1; ; attempt++) {
    try {
      return await load()
    } catch (e) {
      const wait = e instanceof ApiError && e.status === 429 ? Math.max(1, e.retryAfterSeconds ?? 1) * 1000 : Infinity
      if (attempt >= attempts || wait > maxWaitMs || signal?.aborted) throw e
      await sleep(wait, signal)
    }
  }
}
