import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { retryBusy } from './retryBusy'

const busy = (seconds?: number) => new ApiError(429, 'Too Many Requests', 'busy', undefined, seconds)

function script(...answers: (Error | string)[]) {
  let calls = 0
  const load = async () => {
    const answer = answers[calls++]
    if (answer instanceof Error) throw answer
    return answer
  }
  return { load, calls: () => calls }
}

describe('retryBusy', () => {
  it('tries again after the server\'s wait when it is busy', async () => {
    const waits: number[] = []
    const s = script(busy(1), busy(2), 'ok')
    await expect(retryBusy(s.load, undefined, { sleep: async (ms) => void waits.push(ms) })).resolves.toBe('ok')
    expect(waits).toEqual([1000, 2000])
  })

  it('gives up after the attempts, and at once on other errors or a long wait', async () => {
    const sleep = async () => {}
    const three = script(busy(1), busy(1), busy(1), 'never')
    await expect(retryBusy(three.load, undefined, { sleep })).rejects.toMatchObject({ status: 429 })
    expect(three.calls()).toBe(3)
    const other = script(new ApiError(400, 'Bad Request', 'no'), 'never')
    await expect(retryBusy(other.load, undefined, { sleep })).rejects.toMatchObject({ status: 400 })
    expect(other.calls()).toBe(1)
    const budget = script(busy(45), 'never')
    await expect(retryBusy(budget.load, undefined, { sleep })).rejects.toMatchObject({ status: 429 })
    expect(budget.calls()).toBe(1)
  })
})
