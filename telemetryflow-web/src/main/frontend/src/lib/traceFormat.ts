// Formatting and parsing for the trace pages: durations (nanoseconds), rates, ratios, ids, epoch-nanosecond strings,
// and the attribute filters as they travel in the URL.
import type { AttributeFilter } from './traceTypes'

/** A span or request duration given in nanoseconds, with a unit that keeps 3 significant digits. */
export function formatDuration(nanos: number | null | undefined): string {
  if (nanos === null || nanos === undefined || !Number.isFinite(nanos)) return '–'
  const n = Math.max(0, nanos)
  if (n < 1_000) return `${Math.round(n)} ns`
  if (n < 1_000_000) return `${digits(n / 1_000)} µs`
  if (n < 1_000_000_000) return `${digits(n / 1_000_000)} ms`
  if (n < 60_000_000_000) return `${digits(n / 1_000_000_000)} s`
  const totalSeconds = Math.round(n / 1_000_000_000)
  const minutes = Math.floor(totalSeconds / 60)
  if (minutes < 60) return `${minutes}m ${String(totalSeconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}

function digits(value: number): string {
  if (value >= 100) return String(Math.round(value))
  if (value >= 10) return trim(value.toFixed(1))
  return trim(value.toFixed(2))
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}

/** Requests per second; small rates read better per minute. */
export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return '–'
  if (perSecond === 0) return '0/s'
  if (perSecond < 0.1) return `${digits(perSecond * 60)}/min`
  return `${digits(perSecond)}/s`
}

/** A ratio 0..1 as a percentage. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–'
  if (ratio === 0) return '0%'
  const percent = ratio * 100
  if (percent < 0.01) return '<0.01%'
  return `${digits(percent)}%`
}

/** Epoch nanoseconds as the API writes them (a decimal string beyond Number's precision) to epoch milliseconds. */
export function nanosToMillis(nanos: string | number): number {
  if (typeof nanos === 'number') return Math.floor(nanos / 1_000_000)
  if (!/^\d+$/.test(nanos)) return NaN
  return Number(BigInt(nanos) / 1_000_000n)
}

/** Nanoseconds between two epoch-nanosecond strings (b − a), exact while the difference fits a double (104 days). */
export function nanosBetween(a: string, b: string): number {
  return Number(BigInt(b) - BigInt(a))
}

/** Local date and time to the millisecond, for start times. */
export function formatTimestamp(millis: number): string {
  if (!Number.isFinite(millis)) return '–'
  const d = new Date(millis)
  const pad = (v: number, n = 2) => String(v).padStart(n, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

export function shortId(id: string, length = 8): string {
  return id.length > length ? id.slice(0, length) : id
}

const DURATION = /^\s*\d{1,15}(\.\d{1,9})?\s*(ns|us|µs|ms|s|m|h)?\s*$/i

/**
 * A duration typed in the search form as the API takes it: with a unit as written (`250ms`, `1.5s`); a bare number
 * means milliseconds (the API would read nanoseconds, which nobody types). Null when it is not a duration.
 */
export function durationForApi(text: string): string | null {
  const match = DURATION.exec(text)
  if (!match) return null
  const value = text.trim().replace(/\s+/g, '')
  return match[2] ? value.toLowerCase() : `${value}ms`
}

// Filters in the URL: one `attr` parameter per filter, `key op value`, with short operators users type.
const OPS: [string, AttributeFilter['op']][] = [
  ['!=', 'neq'], ['=~', 'regex'], ['!~', 'not_regex'], ['=', 'eq'],
  ['not_in', 'not_in'], ['in', 'in'], ['exists', 'exists'],
  ['neq', 'neq'], ['eq', 'eq'], ['not_regex', 'not_regex'], ['regex', 'regex'],
]
const SYMBOL: Record<AttributeFilter['op'], string> = {
  eq: '=', neq: '!=', regex: '=~', not_regex: '!~', in: 'in', not_in: 'not_in', exists: 'exists',
}
export const FILTER_OPS = Object.entries(SYMBOL).map(([op, symbol]) => ({ op: op as AttributeFilter['op'], symbol }))

/** `http.route = /cart`, `http.method in GET,POST`, `error exists`; an error message when it is not a filter. */
export function parseFilter(text: string): AttributeFilter | string {
  const trimmed = text.trim()
  const keyMatch = /^([^\s=!~]+)\s*(.*)$/s.exec(trimmed)
  if (!keyMatch || !keyMatch[1]) return 'A filter starts with an attribute key, e.g. http.route = /cart'
  const key = keyMatch[1]
  const rest = keyMatch[2]
  for (const [token, op] of OPS) {
    const word = /^[a-z_]+$/.test(token)
    if (!rest.startsWith(token) || (word && rest.length > token.length && !/\s/.test(rest[token.length]))) continue
    const value = rest.slice(token.length).trim()
    if (op === 'exists') return value ? `"exists" takes no value` : { key, op }
    if (op === 'in' || op === 'not_in') {
      const values = value.split(',').map((v) => v.trim()).filter((v) => v !== '')
      if (!values.length) return `"${token}" needs values separated by commas`
      if (values.length > 100) return 'at most 100 values'
      return { key, op, values }
    }
    return { key, op, value }
  }
  return `Unknown operator in "${trimmed}": use =, !=, =~, !~, in, not_in or exists`
}

export function formatFilter(filter: AttributeFilter): string {
  const symbol = SYMBOL[filter.op]
  if (filter.op === 'exists') return `${filter.key} exists`
  if (filter.op === 'in' || filter.op === 'not_in') return `${filter.key} ${symbol} ${(filter.values ?? []).join(',')}`
  return `${filter.key} ${symbol} ${filter.value ?? ''}`
}

export type TraceSortKey = 'start' | 'duration' | 'spans' | 'errors'

/** Orders a page of search results; `sort` as in the URL (`-duration` = longest first); default newest first. */
export function sortTraces<T extends { startTimeUnixNano: string; durationNanos: number; spanCount: number; errorCount: number }>(
  traces: T[],
  sort: string,
): T[] {
  const desc = sort.startsWith('-')
  const key = (desc ? sort.slice(1) : sort) as TraceSortKey
  if (!['start', 'duration', 'spans', 'errors'].includes(key) || (key === 'start' && desc)) return traces
  const value = (t: T): bigint | number =>
    key === 'start' ? BigInt(t.startTimeUnixNano) : key === 'duration' ? t.durationNanos : key === 'spans' ? t.spanCount : t.errorCount
  return [...traces].sort((a, b) => {
    const x = value(a), y = value(b)
    return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1)
  })
}
