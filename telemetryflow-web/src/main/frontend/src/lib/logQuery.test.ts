import { describe, expect, it } from 'vitest'
import {
  bodyMatches,
  recordIdentity,
  brushToRange,
  compareNanosDesc,
  filtersFromQuery,
  filtersToQuery,
  hasToken,
  idProblem,
  liveFilters,
  nanosToMillis,
  parseAttributeFilter,
  parseQuery,
  requestBody,
  zoomOut,
  type LiveLogRecord,
  type LogFilters,
} from './logQuery'

const NONE: LogFilters = { query: '', severity: '', services: [], traceId: '', spanId: '', attributes: [] }

function record(extra: Partial<LiveLogRecord>): LiveLogRecord {
  return { timestampUnixNano: '1', severityLevel: 'INFO', severityText: '', body: '', serviceName: 'api', traceId: '', spanId: '', attributes: {}, ...extra }
}

describe('query terms', () => {
  it('splits words and phrases as the server does, telling tokens from substrings', () => {
    expect(parseQuery('payment  "connection reset" user_42 /api/cart Zürich').terms).toEqual([
      { text: 'payment', token: true },
      { text: 'connection reset', token: false },
      { text: 'user_42', token: false },
      { text: '/api/cart', token: false },
      { text: 'Zürich', token: true },
    ])
    expect(parseQuery('').terms).toEqual([])
    expect(parseQuery('a""b').terms).toEqual([
      { text: 'a', token: true },
      { text: 'b', token: true },
    ])
  })

  it('refuses what the server refuses', () => {
    expect(parseQuery('"open phrase').error).toMatch(/unclosed quote/)
    expect(parseQuery(Array.from({ length: 21 }, (_, i) => `w${i}`).join(' ')).error).toMatch(/20 terms/)
    expect(parseQuery('x'.repeat(1001)).error).toMatch(/1000/)
    expect(parseQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')).error).toBeUndefined()
  })

  it('matches whole tokens case-sensitively and substrings literally', () => {
    expect(hasToken('shopping-cart emptied', 'cart')).toBe(true)
    expect(hasToken('cart.', 'cart')).toBe(true)
    expect(hasToken('cartography', 'cart')).toBe(false)
    expect(hasToken('a cartcart b', 'cart')).toBe(false)
    expect(hasToken('Cart', 'cart')).toBe(false)
    expect(hasToken('xcart cart', 'cart')).toBe(true)
    const { terms } = parseQuery('timeout "db pool"')
    expect(bodyMatches('db pool timeout after 5s', terms)).toBe(true)
    expect(bodyMatches('timeout on db', terms)).toBe(false)
  })
})

describe('filters in the URL and the request body', () => {
  it('reads repeated and single parameters, ignoring an unknown severity', () => {
    const filters = filtersFromQuery({ q: 'timeout', severity: 'warn', service: ['a', 'b'], traceId: 'T', attr: ['http.route=/pay', 'k!=v', 'user.id', '=x'] })
    expect(filters).toEqual({
      query: 'timeout',
      severity: 'WARN',
      services: ['a', 'b'],
      traceId: 'T',
      spanId: '',
      attributes: [
        { key: 'http.route', op: 'eq', value: '/pay' },
        { key: 'k', op: 'neq', value: 'v' },
        { key: 'user.id', op: 'exists' },
      ],
    })
    expect(filtersFromQuery({ severity: 'LOUD', service: 'one' })).toMatchObject({ severity: '', services: ['one'] })
  })

  it('writes back what it read, leaving out empty parameters', () => {
    const query = { q: 'a b', severity: 'ERROR', service: ['x'], attr: ['k=v=w'] }
    expect(filtersToQuery(filtersFromQuery(query))).toEqual({ ...query, traceId: undefined, spanId: undefined })
    expect(parseAttributeFilter('k=v=w')).toEqual({ key: 'k', op: 'eq', value: 'v=w' })
    expect(parseAttributeFilter('http.route=~^/api/.*')).toEqual({ key: 'http.route', op: 'regex', value: '^/api/.*' })
    expect(parseAttributeFilter('k!~a=b')).toEqual({ key: 'k', op: 'not_regex', value: 'a=b' })
    expect(parseAttributeFilter('k!=')).toEqual({ key: 'k', op: 'neq', value: '' })
    expect(parseAttributeFilter('!=x')).toBeNull()
    expect(Object.values(filtersToQuery(NONE)).every((v) => v === undefined)).toBe(true)
  })

  it('builds the body with every filter, or without the facet\'s own', () => {
    const filters: LogFilters = { ...NONE, query: ' timeout ', severity: 'WARN', services: ['checkout'], traceId: 'ab'.repeat(16), attributes: [{ key: 'k', op: 'exists' }] }
    expect(requestBody(filters, { from: 'now-1h', to: 'now' }, 'tenant')).toEqual({
      tenantId: 'tenant', from: 'now-1h', to: 'now', query: 'timeout', severity: 'WARN', service: ['checkout'], traceId: 'ab'.repeat(16),
      filters: [{ key: 'k', op: 'exists' }],
    })
    expect(requestBody(filters, { from: 'a', to: 'b' }, undefined, 'severity')).not.toHaveProperty('severity')
    expect(requestBody(filters, { from: 'a', to: 'b' }, undefined, 'service')).not.toHaveProperty('service')
    expect(requestBody(NONE, { from: 'a', to: 'b' }, undefined)).toEqual({ from: 'a', to: 'b' })
  })

  it('checks trace and span ids before asking', () => {
    expect(idProblem({ ...NONE, traceId: 'AB'.repeat(16), spanId: 'cd'.repeat(8) })).toBeNull()
    expect(idProblem({ ...NONE, traceId: 'xyz' })).toMatch(/traceId/)
    expect(idProblem({ ...NONE, spanId: 'ab'.repeat(9) })).toMatch(/spanId/)
  })
})

describe('live filters', () => {
  it('subscribes with what the live protocol takes', () => {
    expect(liveFilters({ ...NONE, services: ['checkout'], severity: 'WARN', query: 'db "pool exhausted"' }).subscribe).toEqual({
      service: 'checkout', severity: 'WARN', query: 'pool exhausted',
    })
    expect(liveFilters({ ...NONE, services: ['a', 'b'] }).subscribe).toEqual({})
    expect(liveFilters({ ...NONE, query: '"unclosed' }).subscribe).toEqual({})
  })

  it('checks the rest in the browser: several services, exact terms, ids and attributes', () => {
    const { accept } = liveFilters({
      ...NONE, services: ['a', 'b'], query: 'Timeout', traceId: 'AB'.repeat(16),
      attributes: [{ key: 'http.route', op: 'eq', value: '/pay' }, { key: 'resource.host.name', op: 'eq', value: 'x' }],
    })
    const good = record({ serviceName: 'b', body: 'Timeout talking to db', traceId: 'ab'.repeat(16), attributes: { 'http.route': '/pay' } })
    expect(accept(good)).toBe(true)
    expect(accept({ ...good, serviceName: 'c' })).toBe(false)
    expect(accept({ ...good, body: 'timeout talking to db' })).toBe(false)
    expect(accept({ ...good, traceId: 'cd'.repeat(16) })).toBe(false)
    expect(accept({ ...good, attributes: { 'http.route': '/cart' } })).toBe(false)
    const neq = liveFilters({ ...NONE, attributes: [{ key: 'k', op: 'neq', value: 'v' }, { key: 'e', op: 'exists' }] }).accept
    expect(neq(record({ attributes: { e: '1' } }))).toBe(true)
    expect(neq(record({ attributes: { e: '1', k: 'v' } }))).toBe(false)
    expect(neq(record({ attributes: {} }))).toBe(false)
    const regex = liveFilters({ ...NONE, attributes: [{ key: 'r', op: 'regex', value: '^/api/' }] }).accept
    expect(regex(record({ attributes: { r: '/api/cart' } }))).toBe(true)
    expect(regex(record({ attributes: { r: '/web/api/' } }))).toBe(false)
  })
})

describe('times', () => {
  it('converts and orders nanosecond strings without losing precision', () => {
    expect(nanosToMillis('1765018800123456789')).toBe(1765018800123)
    expect(nanosToMillis('abc')).toBeNaN()
    const sorted = ['1765018800000000001', '999', '1765018800000000002'].sort(compareNanosDesc)
    expect(sorted).toEqual(['1765018800000000002', '1765018800000000001', '999'])
  })

  it('widens a brushed interval to whole buckets, in either drag direction', () => {
    const step = 60_000
    const base = Date.UTC(2026, 11, 6, 12, 0, 0)
    expect(brushToRange(base + 90_000, base + 10_000, step)).toEqual({
      from: '2026-12-06T12:00:00.000Z',
      to: '2026-12-06T12:02:00.000Z',
    })
    expect(brushToRange(base, base, step)).toEqual({ from: '2026-12-06T12:00:00.000Z', to: '2026-12-06T12:01:00.000Z' })
    expect(brushToRange(NaN, base, step)).toBeNull()
  })

  it('zooms out around the middle, shifting back from the future', () => {
    const base = Date.UTC(2026, 11, 6, 12, 0, 0)
    const hour = 3_600_000
    expect(zoomOut(base, base + hour, base + 10 * hour)).toEqual({ from: '2026-12-06T11:30:00.000Z', to: '2026-12-06T13:30:00.000Z' })
    expect(zoomOut(base, base + hour, base + hour)).toEqual({ from: '2026-12-06T11:00:00.000Z', to: 'now' })
  })
})

describe('record identity', () => {
  const live = {
    timestampUnixNano: '1765018800000000000', severityLevel: 'WARN', severityText: 'WARN', body: 'x'.repeat(4096),
    serviceName: 'api', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), attributes: {},
  }

  it('matches a searched record with its live copy, whose body the tail cut to 4096 characters', () => {
    expect(recordIdentity({ ...live, body: 'x'.repeat(5000) })).toBe(recordIdentity(live))
  })

  it('tells records apart that differ in time, service, span or body', () => {
    expect(recordIdentity({ ...live, timestampUnixNano: '1765018800000000001' })).not.toBe(recordIdentity(live))
    expect(recordIdentity({ ...live, serviceName: 'web' })).not.toBe(recordIdentity(live))
    expect(recordIdentity({ ...live, spanId: 'c'.repeat(16) })).not.toBe(recordIdentity(live))
    expect(recordIdentity({ ...live, body: 'y' })).not.toBe(recordIdentity(live))
  })
})
