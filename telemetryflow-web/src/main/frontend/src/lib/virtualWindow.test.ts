import { describe, expect, it } from 'vitest'
import { nearEnd, virtualWindow } from './virtualWindow'

describe('virtual window', () => {
  it('renders the visible rows plus overscan and pads the rest', () => {
    // 28 px rows, 560 px viewport scrolled to row 1000 of 10,000
    const w = virtualWindow(28_000, 560, 28, 10_000, 10)
    expect(w).toEqual({ start: 990, end: 1031, padTop: 990 * 28, padBottom: (10_000 - 1031) * 28 })
    expect(w.end - w.start).toBeLessThan(50)
  })

  it('clamps at both ends and for short lists', () => {
    expect(virtualWindow(0, 560, 28, 10_000, 10)).toMatchObject({ start: 0, end: 31, padTop: 0 })
    expect(virtualWindow(279_720, 560, 28, 10_000, 10)).toMatchObject({ end: 10_000, padBottom: 0 })
    expect(virtualWindow(0, 560, 28, 5, 10)).toEqual({ start: 0, end: 5, padTop: 0, padBottom: 0 })
    expect(virtualWindow(-50, 560, 28, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 })
    // scrolled beyond the end (the list shrank)
    expect(virtualWindow(1_000_000, 560, 28, 100, 10)).toMatchObject({ start: 100, end: 100, padBottom: 0, padTop: 2800 })
  })

  it('says when the next page is due', () => {
    expect(nearEnd(0, 560, 28, 100, 20)).toBe(false)
    expect(nearEnd(1680, 560, 28, 100, 20)).toBe(true)
    expect(nearEnd(0, 560, 28, 30, 20)).toBe(true)
  })
})
