import { describe, expect, it } from 'vitest'
import { completeSteps, errorRateSeries, parseSort, sortRed } from './red'
import type { RedItem } from './traceTypes'

const item = (service: string, rate: number, errorRate: number, p95: number): RedItem => ({
  service, operation: null, requests: 0, rate, errors: 0, errorRate, durationNanos: { p50: 0, p95, p99: 0 }, series: null,
})

describe('RED helpers', () => {
  it('derives the error rate per step from request rate and error counts', () => {
    // 60 s steps: 0.5/s = 30 requests, 3 errors -> 10 %; an empty step is left out
    expect(errorRateSeries([[0, 0.5], [60000, 0], [120000, 1]], [[0, 3], [60000, 0], [120000, 60]], 60)).toEqual([
      [0, 0.1], [120000, 1],
    ])
    expect(errorRateSeries([[0, 0.5], [60000, 0]], [[0, 3]], 60, true)).toEqual([[0, 0.1], [60000, 0]])
  })

  it('reads the sort from the URL, falling back to busiest first', () => {
    expect(parseSort('-p95')).toEqual({ key: 'p95', desc: true })
    expect(parseSort('name')).toEqual({ key: 'name', desc: false })
    expect(parseSort('bogus')).toEqual({ key: 'rate', desc: true })
  })

  it('sorts by the chosen column, ties by name', () => {
    const items = [item('b', 1, 0.5, 30), item('a', 1, 0.1, 10), item('C', 5, 0, 20)]
    const label = (i: RedItem) => i.service
    expect(sortRed(items, 'rate', true, label).map(label)).toEqual(['C', 'a', 'b'])
    expect(sortRed(items, 'errorRate', true, label).map(label)).toEqual(['b', 'a', 'C'])
    expect(sortRed(items, 'p95', false, label).map(label)).toEqual(['a', 'C', 'b'])
    expect(sortRed(items, 'name', false, label).map(label)).toEqual(['a', 'b', 'C'])
  })
})

describe('partial steps', () => {
  it('leaves out the step still running at the end of the range', () => {
    const points: [number, number][] = [[0, 1], [60000, 2], [120000, 0.5]]
    expect(completeSteps(points, 60, 150000)).toEqual([[0, 1], [60000, 2]])
    expect(completeSteps(points, 60, 180000)).toBe(points)
    expect(completeSteps([], 60, 0)).toEqual([])
  })
})
