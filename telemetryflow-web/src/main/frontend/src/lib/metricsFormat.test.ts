import { describe, expect, it } from 'vitest'
import {
  aggregatedUnit,
  aggregationsFor,
  chartOption,
  defaultAggregation,
  exemplarsFit,
  formatValue,
  seriesName,
  seriesStats,
  type SeriesAnswer,
} from './metricsFormat'

describe('aggregations per kind', () => {
  it('offers only what the server answers', () => {
    expect(aggregationsFor('gauge')).toEqual(['avg', 'min', 'max', 'sum', 'count'])
    expect(aggregationsFor('sum', false)).not.toContain('rate')
    expect(aggregationsFor('sum', true)).toEqual(['rate', 'increase', 'avg', 'min', 'max', 'sum', 'count'])
    expect(aggregationsFor('histogram')).toContain('p99')
    expect(aggregationsFor('histogram')).not.toContain('rate')
    expect(aggregationsFor('summary')).toContain('p50')
    expect(aggregationsFor(null)).toHaveLength(11)
  })

  it('starts with rates of counters and p95 of distributions', () => {
    expect(defaultAggregation('sum', true)).toBe('rate')
    expect(defaultAggregation('sum', false)).toBe('avg')
    expect(defaultAggregation('exponential_histogram')).toBe('p95')
    expect(defaultAggregation('gauge')).toBe('avg')
  })

  it('draws exemplars only where they share the axis', () => {
    expect(exemplarsFit('p95')).toBe(true)
    expect(exemplarsFit('rate')).toBe(false)
    expect(exemplarsFit('count')).toBe(false)
  })
})

describe('values and units', () => {
  it('scales durations, bytes and plain numbers', () => {
    expect(formatValue(0.212, 's')).toBe('212 ms')
    expect(formatValue(0.0000042, 's')).toBe('4.2 µs')
    expect(formatValue(1500, 'ms')).toBe('1.5 s')
    expect(formatValue(5400, 's')).toBe('90 min')
    expect(formatValue(3 * 1024 * 1024, 'By')).toBe('3 MiB')
    expect(formatValue(12345, '')).toBe('12.3k')
    expect(formatValue(42, 'request/s')).toBe('42 request/s')
    expect(formatValue(0.5, 'ms/s')).toBe('500 µs/s')
    expect(formatValue(null, 's')).toBe('—')
    expect(formatValue(NaN, 's')).toBe('—')
  })

  it('names the unit of the aggregated values', () => {
    expect(aggregatedUnit('{request}', 'rate')).toBe('request/s')
    expect(aggregatedUnit('s', 'count')).toBe('')
    expect(aggregatedUnit('1', 'avg')).toBe('')
    expect(aggregatedUnit('By', 'max')).toBe('By')
  })
})

describe('series', () => {
  it('names a series by its group-by values', () => {
    expect(seriesName({}, 'http.duration')).toBe('http.duration')
    expect(seriesName({ 'http.route': '/cart', code: '' }, 'm')).toBe('http.route=/cart, code=""')
  })

  it('summarises points, leaving out gaps', () => {
    expect(seriesStats([[1, 2], [2, null], [3, 4], [4, 0]])).toEqual({ min: 0, avg: 2, max: 4, last: 0 })
    expect(seriesStats([[1, null]])).toBeNull()
  })

  it('puts exemplars on the chart with their trace ids', () => {
    const answer: SeriesAnswer = {
      metric: 'd', type: 'histogram', unit: 's', description: null, aggregation: 'p95', stepSeconds: 60, truncated: false,
      series: [{ labels: {}, points: [[1000, 0.2], [61000, 0.3]] }],
    }
    const option = chartOption(answer, [
      { timestampUnixNano: '61500000000', value: 0.4, traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), labels: {}, filteredAttributes: {} },
      { timestampUnixNano: '62000000000', value: null, traceId: 'x', spanId: '', labels: {}, filteredAttributes: {} },
    ], { fromMs: 0, toMs: 120000 }) as { series: { type: string; name: string; data: unknown[] }[] }
    expect(option.series.map((s) => [s.type, s.name])).toEqual([['line', 'd'], ['scatter', 'exemplars']])
    expect(option.series[1].data).toEqual([{ value: [61500, 0.4], traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), labels: {} }])
    const none = chartOption(answer, [], { fromMs: 0, toMs: 1 }) as { series: unknown[] }
    expect(none.series).toHaveLength(1)
  })
})
