// The server lets one user run at most 4 telemetry reads at once (telemetryflow.query.max-concurrent-per-caller) and
// answers a fifth with 429 and Retry-After. A page that loads a list, a chart and facets together would hit that, so
// its reads queue here (at most 3 in flight, leaving room for the rest of the console), and a 429 (the previous page's
// reads may still run on the server) is retried after the server's Retry-After.

import { retryBusy } from './retryBusy'

export interface Limiter {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>
  readonly active: number
  readonly waiting: number
}

function aborted(): DOMException {
  return new DOMException('The request was aborted.', 'AbortError')
}

/** Runs at most `max` tasks at once; the rest wait in order. A waiting task whose signal aborts leaves the queue. */
export function createLimiter(max: number): Limiter {
  let active = 0
  const queue: { start: () => void }[] = []

  function next() {
    if (active < max) queue.shift()?.start()
  }

  return {
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(aborted())
      return new Promise<T>((resolve, reject) => {
        const entry = {
          start: () => {
            signal?.removeEventListener('abort', onAbort)
            active++
            task().then(resolve, reject).finally(() => {
              active--
              next()
            })
          },
        }
        const onAbort = () => {
          const at = queue.indexOf(entry)
          if (at >= 0) {
            queue.splice(at, 1)
            reject(aborted())
          }
        }
        signal?.addEventListener('abort', onAbort)
        queue.push(entry)
        next()
      })
    },
  }
}

const reads = createLimiter(3)

/** A telemetry read through the shared queue, a short 429 waited out (retryBusy). */
export function limitedRead<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  return reads.run(() => retryBusy(task, signal), signal)
}
