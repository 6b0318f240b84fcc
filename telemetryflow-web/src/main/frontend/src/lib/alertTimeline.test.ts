import { describe, expect, it } from 'vitest'
import { instanceRows, labelText, periodsOf, timelineOption } from './alertTimeline'
import type { PreviewTransition } from './alertTypes'

const t = (fingerprint: string, from: string, to: string, at: number | string, labels?: Record<string, string>): PreviewTransition =>
  ({ fingerprint, from, to, at, labels }) as PreviewTransition

describe('instance rows', () => {
  it('covers the range with the state before, between and after the transitions (given newest first)', () => {
    const rows = instanceRows([
      t('a', 'firing', 'normal', 700, { host: 'web-1' }),
      t('a', 'pending', 'firing', 400),
      t('a', 'normal', 'pending', 200),
    ], 0, 1000)
    expect(rows).toHaveLength(1)
    expect(rows[0].labels).toEqual({ host: 'web-1' })
    expect(rows[0].firings).toBe(1)
    expect(rows[0].bands).toEqual([
      { state: 'normal', start: 0, end: 200 },
      { state: 'pending', start: 200, end: 400 },
      { state: 'firing', start: 400, end: 700 },
      { state: 'normal', start: 700, end: 1000 },
    ])
  })

  it('starts in the state a transition before the range left, and reads ISO instants', () => {
    const rows = instanceRows([t('b', 'pending', 'firing', '1970-01-01T00:00:00.050Z'), t('b', 'firing', 'recovering', 300)], 100, 500)
    expect(rows[0].bands).toEqual([
      { state: 'firing', start: 100, end: 300 },
      { state: 'recovering', start: 300, end: 500 },
    ])
    expect(rows[0].firings).toBe(0)
  })

  it('keeps instances apart, the one that fired most first', () => {
    const rows = instanceRows([
      t('quiet', 'normal', 'pending', 100, { host: 'a' }),
      t('loud', 'pending', 'firing', 100, { host: 'b' }),
      t('loud', 'firing', 'normal', 200),
      t('loud', 'normal', 'firing', 300),
    ], 0, 400)
    expect(rows.map((r) => r.fingerprint)).toEqual(['loud', 'quiet'])
    expect(rows[0].firings).toBe(2)
    expect(periodsOf(rows, 'firing').map((p) => [p.start, p.end])).toEqual([[100, 200], [300, 400]])
  })

  it('merges a transition into the same state and ignores unreadable instants', () => {
    const rows = instanceRows([t('c', 'no_data', 'no_data', 50), t('c', 'normal', 'firing', 'not a time')], 0, 100)
    expect(rows[0].bands).toEqual([{ state: 'no_data', start: 0, end: 100 }])
  })
})

describe('timeline chart', () => {
  it('draws one rectangle per band on the instance’s row', () => {
    const rows = instanceRows([t('a', 'normal', 'firing', 50, { host: 'x' }), t('z', 'normal', 'pending', 20)], 0, 100)
    const option = timelineOption(rows, { fromMs: 0, toMs: 100 }) as { yAxis: { data: string[] }; series: { data: { value: unknown[] }[] }[] }
    expect(option.yAxis.data).toEqual(['host=x', 'z'])
    expect(option.series[0].data.map((d) => d.value)).toEqual([
      [0, 0, 50, 'normal'], [0, 50, 100, 'firing'], [1, 0, 20, 'normal'], [1, 20, 100, 'pending'],
    ])
    expect(labelText({}, 'fp')).toBe('fp')
    const unnamed = timelineOption(instanceRows([t('z', 'normal', 'firing', 20)], 0, 100), { fromMs: 0, toMs: 100 }, '(no labels)') as { yAxis: { data: string[] } }
    expect(unnamed.yAxis.data).toEqual(['(no labels)'])
  })
})
