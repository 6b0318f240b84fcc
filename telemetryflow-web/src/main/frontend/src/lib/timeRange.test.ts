import { describe, expect, it } from 'vitest'
import { describeRange, isValidRange, resolveTime, stepFor } from './timeRange'

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)

describe('time ranges', () => {
  it('resolves relative, ISO and epoch forms as the API does', () => {
    expect(resolveTime('now', NOW)).toBe(NOW)
    expect(resolveTime('now-15m', NOW)).toBe(NOW - 15 * 60_000)
    expect(resolveTime('now-2d', NOW)).toBe(NOW - 2 * 86_400_000)
    expect(resolveTime('2026-12-06T11:00:00Z', NOW)).toBe(NOW - 3_600_000)
    expect(resolveTime('1765018800000', NOW)).toBe(1765018800000)
    expect(resolveTime('yesterday', NOW)).toBeNaN()
  })

  it('refuses a range that ends before it starts, or names no time', () => {
    expect(isValidRange({ from: 'now-1h', to: 'now' }, NOW)).toBe(true)
    expect(isValidRange({ from: 'now', to: 'now-1h' }, NOW)).toBe(false)
    expect(isValidRange({ from: 'soon', to: 'now' }, NOW)).toBe(false)
  })

  it('names presets and picks readable steps', () => {
    expect(describeRange({ from: 'now-1h', to: 'now' })).toBe('Last 1 hour')
    expect(stepFor(0, 3_600_000)).toBe(60)
    expect(stepFor(0, 7 * 86_400_000)).toBe(10800)
  })
})
