import { describe, expect, it } from 'vitest'
import { createLimiter } from './readLimit'

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
