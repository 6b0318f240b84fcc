import { describe, expect, it } from 'vitest'
import {
  durationForApi, formatDuration, sortTraces, formatFilter, formatPercent, formatRate, nanosBetween, nanosToMillis, parseFilter, shortId,
} from './traceFormat'

describe('trace formatting', () => {
  it('writes durations with a fitting unit', () => {
    expect(formatDuration(850)).toBe('850 ns')
    expect(formatDuration(12_345)).toBe('12.3 µs')
    expect(formatDuration(1_500_000)).toBe('1.5 ms')
    expect(formatDuration(250_000_000)).toBe('250 ms')
    expect(formatDuration(2_000_000_000)).toBe('2 s')
    expect(formatDuration(125_000_000_000)).toBe('2m 05s')
    expect(formatDuration(7_260_000_000_000)).toBe('2h 01m')
    expect(formatDuration(undefined)).toBe('–')
  })

  it('writes rates and percentages', () => {
    expect(formatRate(12.345)).toBe('12.3/s')
    expect(formatRate(0.05)).toBe('3/min')
    expect(formatRate(0)).toBe('0/s')
    expect(formatPercent(0)).toBe('0%')
    expect(formatPercent(0.2)).toBe('20%')
    expect(formatPercent(0.01234)).toBe('1.23%')
    expect(formatPercent(0.00001)).toBe('<0.01%')
  })

  it('reads epoch nanoseconds beyond double precision', () => {
    expect(nanosToMillis('1795138200108410000')).toBe(1795138200108)
    expect(nanosBetween('1795138200108410000', '1795138200108410123')).toBe(123)
    expect(nanosToMillis('garbage')).toBeNaN()
    expect(shortId('5b8efff0bd4c10a9')).toBe('5b8efff0')
  })

  it('takes durations with a unit as written and a bare number as milliseconds', () => {
    expect(durationForApi('250ms')).toBe('250ms')
    expect(durationForApi(' 1.5 S ')).toBe('1.5s')
    expect(durationForApi('100')).toBe('100ms')
    expect(durationForApi('fast')).toBeNull()
    expect(durationForApi('-5ms')).toBeNull()
  })
})

describe('attribute filters in the URL', () => {
  it('parses every operator', () => {
    expect(parseFilter('http.route = /cart')).toEqual({ key: 'http.route', op: 'eq', value: '/cart' })
    expect(parseFilter('http.status_code!=200')).toEqual({ key: 'http.status_code', op: 'neq', value: '200' })
    expect(parseFilter('url.path =~ ^/api/.*')).toEqual({ key: 'url.path', op: 'regex', value: '^/api/.*' })
    expect(parseFilter('url.path !~ health')).toEqual({ key: 'url.path', op: 'not_regex', value: 'health' })
    expect(parseFilter('resource.deployment.environment in prod, staging')).toEqual({
      key: 'resource.deployment.environment', op: 'in', values: ['prod', 'staging'],
    })
    expect(parseFilter('http.method not_in GET,HEAD')).toEqual({ key: 'http.method', op: 'not_in', values: ['GET', 'HEAD'] })
    expect(parseFilter('error.type exists')).toEqual({ key: 'error.type', op: 'exists' })
    expect(parseFilter('peer = a b c')).toEqual({ key: 'peer', op: 'eq', value: 'a b c' })
  })

  it('refuses what is not a filter, with a reason', () => {
    expect(parseFilter('')).toMatch(/attribute key/)
    expect(parseFilter('http.route')).toMatch(/Unknown operator/)
    expect(parseFilter('http.route like x')).toMatch(/Unknown operator/)
    expect(parseFilter('k in ,')).toMatch(/needs values/)
    expect(parseFilter('k exists yes')).toMatch(/no value/)
    expect(parseFilter('k inside x')).toMatch(/Unknown operator/)
  })

  it('round-trips through its text form', () => {
    for (const text of ['a = 1', 'b != x y', 'c =~ ^a', 'd !~ z', 'e in 1,2', 'f not_in 3', 'g exists']) {
      const parsed = parseFilter(text)
      expect(typeof parsed).toBe('object')
      expect(formatFilter(parsed as never)).toBe(text)
    }
  })
})

describe('sorting a page of traces', () => {
  const t = (id: string, start: string, durationNanos: number, spanCount: number, errorCount = 0) =>
    ({ id, startTimeUnixNano: start, durationNanos, spanCount, errorCount })
  // the API answers newest first
  const page = [t('c', '1795138200000000003', 5, 1), t('b', '1795138200000000002', 50, 9, 2), t('a', '1795138200000000001', 20, 3)]

  it('keeps the answer order by default and orders by a column on request', () => {
    expect(sortTraces(page, '')).toBe(page)
    expect(sortTraces(page, 'bogus')).toBe(page)
    expect(sortTraces(page, 'start').map((x) => x.id)).toEqual(['a', 'b', 'c'])
    expect(sortTraces(page, '-duration').map((x) => x.id)).toEqual(['b', 'a', 'c'])
    expect(sortTraces(page, 'spans').map((x) => x.id)).toEqual(['c', 'a', 'b'])
    expect(sortTraces(page, '-errors').map((x) => x.id)).toEqual(['b', 'c', 'a'])
  })
})
