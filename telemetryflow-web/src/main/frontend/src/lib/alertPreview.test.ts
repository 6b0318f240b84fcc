import { describe, expect, it } from 'vitest'
import { niceMax, previewOption, previewPeriods, previewRange, previewSummary } from './alertPreview'
import type { PreviewAnswer } from './alertTypes'

const answer: PreviewAnswer = {
  series: [{ labels: { host: 'web-1' }, points: [[0, 0.5], [100, 0.95], [200, 0.97], [300, null], [400, 0.4]] }],
  crossings: [{ fingerprint: 'f1', at: 100, value: 0.95 }],
  transitions: [
    { fingerprint: 'f1', labels: { host: 'web-1' }, from: 'normal', to: 'pending', at: 100 },
    { fingerprint: 'f1', labels: { host: 'web-1' }, from: 'pending', to: 'firing', at: 200 },
    { fingerprint: 'f1', labels: { host: 'web-1' }, from: 'firing', to: 'normal', at: 400 },
  ],
}
const range = { fromMs: 0, toMs: 500 }

type Option = { series: { name: string; markLine?: { data: { yAxis: number; name: string }[] }; markArea?: { data: [{ xAxis: number; name: string }, { xAxis: number }][] } }[]; yAxis: { max: number; min: number } }

describe('preview chart', () => {
  it('draws the series, the threshold and recovery lines, and shades pending and firing', () => {
    const option = previewOption(answer, { threshold: 0.9, recoveryThreshold: 0.8 }, range) as Option
    expect(option.series.map((s) => s.name)).toEqual(['host=web-1', 'alert'])
    const marks = option.series[1]
    expect(marks.markLine!.data.map((l) => [l.name, l.yAxis])).toEqual([['threshold', 0.9], ['recovery', 0.8]])
    expect(marks.markArea!.data.map(([a, b]) => [a.name, a.xAxis, b.xAxis])).toEqual([
      ['pending · host=web-1', 100, 200],
      ['firing · host=web-1', 200, 400],
    ])
    expect(option.yAxis.min).toBe(0)
    expect(option.yAxis.max).toBeGreaterThanOrEqual(0.97)
  })

  it('keeps the threshold in view when the data is far below it, and has no recovery line without one', () => {
    const option = previewOption({ series: [{ labels: {}, points: [[0, 1], [1, 2]] }], crossings: [], transitions: [] }, { threshold: 100 }, range) as Option
    expect(option.series[1].markLine!.data).toHaveLength(1)
    expect(option.series[1].markArea!.data).toEqual([])
    expect(option.yAxis.max).toBeGreaterThanOrEqual(100)
  })

  it('sums up what the rule would have done', () => {
    expect(previewSummary(answer, range)).toEqual({ series: 1, points: 4, crossings: 1, firings: 1, firingAtEnd: 0 })
    expect(previewPeriods(answer, range)).toEqual([{ start: 200, end: 400, labels: { host: 'web-1' }, labelText: 'host=web-1' }])
    expect(previewRange(2, 10_000_000)).toEqual({ fromMs: 10_000_000 - 7_200_000, toMs: 10_000_000 })
  })

  it('rounds the axis top up to a readable number', () => {
    expect(niceMax(0.97)).toBe(1.1)
    expect(niceMax(93)).toBe(98)
    expect(niceMax(100)).toBe(110)
    expect(niceMax(0)).toBe(1)
  })
})
