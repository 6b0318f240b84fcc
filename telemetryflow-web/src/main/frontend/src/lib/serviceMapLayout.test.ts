import { describe, expect, it } from 'vitest'
import { layerLayout } from './serviceMapLayout'

const e = (source: string, target: string, calls = 1) => ({ source, target, calls })
const columns = (placed: Map<string, { column: number }>) => Object.fromEntries([...placed].map(([n, p]) => [n, p.column]))

describe('service map layout', () => {
  it('puts callers left of callees by the longest call chain', () => {
    const placed = layerLayout(['frontend', 'api', 'db', 'cache', 'idle'], [e('frontend', 'api'), e('api', 'db'), e('frontend', 'db'), e('api', 'cache')])
    expect(columns(placed)).toEqual({ frontend: 0, api: 1, db: 2, cache: 2, idle: 0 })
  })

  it('orders a column by outgoing calls, then name', () => {
    const placed = layerLayout(['a', 'b', 'c'], [e('a', 'x', 1), e('b', 'x', 9), e('c', 'x', 1)])
    expect(['a', 'b', 'c'].map((n) => placed.get(n)!.row)).toEqual([1, 0, 2])
  })

  it('places services in a call cycle without looping', () => {
    const placed = layerLayout(['a', 'b', 'c'], [e('a', 'b'), e('b', 'c'), e('c', 'b'), e('x', 'y'), e('y', 'x')])
    expect(columns(placed)).toEqual({ a: 0, b: 1, c: 2, x: 0, y: 1 })
    expect(placed.size).toBe(5)
  })
})
