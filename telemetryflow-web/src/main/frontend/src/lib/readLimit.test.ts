import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { createLimiter, retryTooMany } from './readLimit'

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('read limiter', () => {
  it('runs at most max tasks at once, the rest in order as slots free up', async () => {
    const limiter = createLimiter(2)
    const tasks = [deferred<number>(), deferred<number>(), deferred<number>(), deferred<number>()]
    const started: number[] = []
    const results = tasks.map((t, i) => limiter.run(() => (started.push(i), t.promise)))
    await flush()
    expect(started).toEqual([0, 1])
    expect([limiter.active, limiter.waiting]).toEqual([2, 2])
    tasks[1].resolve(1)
    await flush()
    expect(started).toEqual([0, 1, 2])
    // a failure frees its slot as well
    tasks[0].reject(new Error('boom'))
    await expect(results[0]).rejects.toThrow('boom')
    await flush()
    expect(started).toEqual([0, 1, 2, 3])
    tasks[2].resolve(2)
    tasks[3].resolve(3)
    expect(await Promise.all(results.slice(1))).toEqual([1, 2, 3])
    expect(limiter.active).toBe(0)
  })

  it('drops a waiting task whose signal aborts, without running it', async () => {
    const limiter = createLimiter(1)
    const first = deferred<string>()
    const running = limiter.run(() => first.promise)
    const controller = new AbortController()
    let ran = false
    const waiting = limiter.run(async () => ((ran = true), 'late'), controller.signal)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
    expect(limiter.waiting).toBe(0)
    first.resolve('done')
    await running
    await flush()
    expect(ran).toBe(false)
  })
})

describe('retry on 429', () => {
  it('waits Retry-After and tries again, up to the limit', async () => {
    const waits: number[] = []
    let calls = 0
    const answer = await retryTooMany(async () => {
      if (++calls < 3) throw new ApiError(429, 'Too Many Requests', 'busy', undefined, calls === 1 ? 2 : undefined)
      return 'ok'
    }, undefined, 3, async (ms) => void waits.push(ms))
    expect(answer).toBe('ok')
    expect(waits).toEqual([2000, 1000])

    calls = 0
    const always = () => retryTooMany(async () => {
      calls++
      throw new ApiError(429, 'Too Many Requests', 'busy')
    }, undefined, 2, async () => {})
    await expect(always()).rejects.toMatchObject({ status: 429 })
    expect(calls).toBe(3)
  })

  it('does not retry other errors', async () => {
    let calls = 0
    await expect(retryTooMany(async () => {
      calls++
      throw new ApiError(400, 'Bad Request', 'query')
    }, undefined, 3, async () => {})).rejects.toMatchObject({ status: 400 })
    expect(calls).toBe(1)
  })
})
