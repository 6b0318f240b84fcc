// The logs explorer's filters: how they sit in the URL, what the logs API takes (docs/telemetry-api.md "Logs"), and
// how the live tail's narrower filter is completed in the browser.

export const SEVERITIES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Series colours of the histogram, the same as styles.css --sev-* (ECharts draws on a canvas, so no CSS variables). */
export const SEVERITY_COLOURS: Record<Severity | 'UNSPECIFIED', string> = {
  TRACE: '#8895a7',
  DEBUG: '#4a90c2',
  INFO: '#2f855a',
  WARN: '#d69e2e',
  ERROR: '#e53e3e',
  FATAL: '#822727',
  UNSPECIFIED: '#b8c0cc',
}

/** The term syntax of `query`, for the help popover (BodySearch on the server). */
export const QUERY_HELP: { example: string; meaning: string }[] = [
  { example: 'timeout', meaning: 'a whole word (token) of the body: finds "timeout", "db-timeout", "timeout." — not "timeouts"' },
  { example: 'payment timeout', meaning: 'several terms: every one must match (AND)' },
  { example: '"connection reset"', meaning: 'a quoted phrase matches as a substring' },
  { example: 'user_42  /api/cart', meaning: 'a word with punctuation matches as a substring' },
  { example: 'Error ≠ error', meaning: 'matching is case-sensitive' },
]

export interface AttributeFilter {
  key: string
  op: 'eq' | 'neq' | 'regex' | 'not_regex' | 'exists'
  value?: string
}

/** Everything that narrows the records, as the URL holds it. */
export interface LogFilters {
  query: string
  severity: string
  services: string[]
  traceId: string
  spanId: string
  attributes: AttributeFilter[]
}

export interface QueryTerm {
  text: string
  /** A whole token (hasToken); otherwise a substring. */
  token: boolean
}

const TOKEN_CHAR = /^[A-Za-z0-9\u0080-\uffff]$/u

function isTokenText(text: string): boolean {
  for (const c of text) {
    if (!(TOKEN_CHAR.test(c) || c.codePointAt(0)! > 0xffff)) return false
  }
  return true
}

/** The terms of a query as the server reads them; `error` (what the server would answer with a 400) when it cannot. */
export function parseQuery(query: string): { terms: QueryTerm[]; error?: string } {
  const terms: QueryTerm[] = []
  if (query.length > 1000) return { terms, error: 'The query may be at most 1000 characters.' }
  let word = ''
  const addWord = () => {
    if (word) terms.push({ text: word, token: isTokenText(word) })
    word = ''
  }
  for (let i = 0; i < query.length; i++) {
    const c = query[i]
    if (c === '"') {
      addWord()
      const close = query.indexOf('"', i + 1)
      if (close < 0) return { terms, error: 'The query has an unclosed quote: close the phrase with ".' }
      if (close > i + 1) terms.push({ text: query.slice(i + 1, close), token: false })
      i = close
    } else if (/\s/.test(c)) {
      addWord()
    } else {
      word += c
    }
  }
  addWord()
  if (terms.length > 20) return { terms, error: 'The query may hold at most 20 terms.' }
  return { terms }
}

/** `hasToken(body, word)`: the word appears delimited by non-token characters (ClickHouse's tokenizer). */
export function hasToken(body: string, word: string): boolean {
  let from = 0
  for (;;) {
    const at = body.indexOf(word, from)
    if (at < 0) return false
    const before = at === 0 ? '' : body[at - 1]
    const after = body[at + word.length] ?? ''
    if ((!before || !TOKEN_CHAR.test(before)) && (!after || !TOKEN_CHAR.test(after))) return true
    from = at + 1
  }
}

/** Whether a body matches every term, as the search endpoint decides. */
export function bodyMatches(body: string, terms: QueryTerm[]): boolean {
  return terms.every((term) => (term.token ? hasToken(body, term.text) : body.includes(term.text)))
}

const OPERATORS: [string, AttributeFilter['op']][] = [['=~', 'regex'], ['!~', 'not_regex'], ['!=', 'neq'], ['=', 'eq']]

/**
 * An attribute filter as the URL holds it: `key=value`, `key!=value`, `key=~regex`, `key!~regex`, or `key` alone (the
 * attribute exists). The first operator in the text splits it, so a value may hold any of them.
 */
export function parseAttributeFilter(text: string): AttributeFilter | null {
  let best: { at: number; symbol: string; op: AttributeFilter['op'] } | null = null
  for (const [symbol, op] of OPERATORS) {
    const at = text.indexOf(symbol)
    // at equal positions the longer symbol wins (=~ before =), which the list order gives
    if (at >= 0 && (!best || at < best.at)) best = { at, symbol, op }
  }
  if (!best) return text.trim() ? { key: text.trim(), op: 'exists' } : null
  if (best.at === 0) return null
  return { key: text.slice(0, best.at), op: best.op, value: text.slice(best.at + best.symbol.length) }
}

const SYMBOLS: Record<AttributeFilter['op'], string> = { eq: '=', neq: '!=', regex: '=~', not_regex: '!~', exists: '' }

export function formatAttributeFilter(filter: AttributeFilter): string {
  if (filter.op === 'exists') return filter.key
  return `${filter.key}${SYMBOLS[filter.op]}${filter.value ?? ''}`
}

/** The API's form of an attribute filter (logs and metrics take the same). */
export function apiAttributeFilter(f: AttributeFilter): { key: string; op: string; value?: string } {
  return f.op === 'exists' ? { key: f.key, op: 'exists' } : { key: f.key, op: f.op, value: f.value ?? '' }
}

type RouteQuery = Record<string, string | null | (string | null)[] | undefined>

function list(value: RouteQuery[string]): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')
}

function one(value: RouteQuery[string]): string {
  return list(value)[0] ?? ''
}

/** The filters of a route query: `q`, `severity`, `service` (repeated), `traceId`, `spanId`, `attr` (repeated). */
export function filtersFromQuery(query: RouteQuery): LogFilters {
  const severity = one(query.severity).toUpperCase()
  return {
    query: one(query.q),
    severity: (SEVERITIES as readonly string[]).includes(severity) ? severity : '',
    services: list(query.service),
    traceId: one(query.traceId),
    spanId: one(query.spanId),
    attributes: list(query.attr).map(parseAttributeFilter).filter((f): f is AttributeFilter => f !== null),
  }
}

/** The route query parameters of the filters (undefined removes a parameter). */
export function filtersToQuery(filters: LogFilters): Record<string, string | string[] | undefined> {
  const orUndefined = (v: string) => (v ? v : undefined)
  return {
    q: orUndefined(filters.query),
    severity: orUndefined(filters.severity),
    service: filters.services.length ? filters.services : undefined,
    traceId: orUndefined(filters.traceId),
    spanId: orUndefined(filters.spanId),
    attr: filters.attributes.length ? filters.attributes.map(formatAttributeFilter) : undefined,
  }
}

export interface LogRequestBody {
  tenantId?: string
  from: string
  to: string
  query?: string
  severity?: string
  service?: string[]
  traceId?: string
  spanId?: string
  filters?: { key: string; op: string; value?: string }[]
}

/** The filter fields of every logs body; `without` leaves one out (a facet counts without its own filter). */
export function requestBody(
  filters: LogFilters,
  range: { from: string; to: string },
  tenantId: string | undefined,
  without?: 'severity' | 'service',
): LogRequestBody {
  const body: LogRequestBody = { from: range.from, to: range.to }
  if (tenantId) body.tenantId = tenantId
  if (filters.query.trim()) body.query = filters.query.trim()
  if (filters.severity && without !== 'severity') body.severity = filters.severity
  if (filters.services.length && without !== 'service') body.service = filters.services
  if (filters.traceId) body.traceId = filters.traceId
  if (filters.spanId) body.spanId = filters.spanId
  if (filters.attributes.length) {
    body.filters = filters.attributes.map(apiAttributeFilter)
  }
  return body
}

/** Whether a trace or span id filter is well-formed (32 / 16 hex); the server answers 400 otherwise. */
export function idProblem(filters: LogFilters): string | null {
  if (filters.traceId && !/^[0-9a-fA-F]{32}$/.test(filters.traceId)) return 'traceId must be 32 hexadecimal characters.'
  if (filters.spanId && !/^[0-9a-fA-F]{16}$/.test(filters.spanId)) return 'spanId must be 16 hexadecimal characters.'
  return null
}

/** A record as the live tail sends it (a subset of a search record). */
export interface LiveLogRecord {
  timestampUnixNano: string
  severityLevel: string
  severityText: string
  body: string
  serviceName: string
  traceId: string
  spanId: string
  attributes: Record<string, string>
}

export interface LiveSubscriptionFilters {
  service?: string
  severity?: string
  query?: string
}

/**
 * The live tail's subscription filter and the check the browser adds. The live protocol takes one service, a minimum
 * severity and one case-insensitive substring; the rest (several services, several or case-sensitive terms, trace and
 * span ids, attribute filters) is checked here on each arriving record, so live rows obey the same filters as the search.
 */
export function liveFilters(filters: LogFilters): { subscribe: LiveSubscriptionFilters; accept: (log: LiveLogRecord) => boolean } {
  const subscribe: LiveSubscriptionFilters = {}
  if (filters.services.length === 1) subscribe.service = filters.services[0]
  if (filters.severity) subscribe.severity = filters.severity
  const { terms, error } = parseQuery(filters.query)
  const usable = error ? [] : terms
  // the longest term narrows most on the server; strings in live filters are at most 256 characters
  const longest = [...usable].sort((a, b) => b.text.length - a.text.length)[0]
  if (longest && longest.text.length <= 256) subscribe.query = longest.text
  const services = new Set(filters.services)
  const traceId = filters.traceId.toLowerCase()
  const spanId = filters.spanId.toLowerCase()
  const accept = (log: LiveLogRecord) => {
    if (services.size && !services.has(log.serviceName)) return false
    if (traceId && log.traceId.toLowerCase() !== traceId) return false
    if (spanId && log.spanId.toLowerCase() !== spanId) return false
    if (!bodyMatches(log.body, usable)) return false
    return filters.attributes.every((f) => {
      // resource attributes are not in live events: they cannot be checked here, so they do not exclude
      if (f.key.startsWith('resource.')) return true
      const value = log.attributes?.[f.key]
      if (f.op === 'exists') return value !== undefined
      if (f.op === 'eq') return (value ?? '') === f.value
      if (f.op === 'neq') return (value ?? '') !== f.value
      // RE2 and JavaScript agree on ordinary patterns; one JavaScript cannot read does not exclude
      const pattern = safeRegExp(f.value ?? '')
      if (!pattern) return true
      return pattern.test(value ?? '') === (f.op === 'regex')
    })
  }
  return { subscribe, accept }
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source)
  } catch {
    return null
  }
}

/** Epoch nanoseconds (a decimal string) as epoch milliseconds. */
export function nanosToMillis(nanos: string): number {
  if (!/^\d+$/.test(nanos)) return NaN
  return nanos.length > 6 ? Number(nanos.slice(0, -6)) : 0
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `2026-12-06 17:40:12.345` in local time, with the sub-millisecond digits left out. */
export function formatLogTime(nanos: string): string {
  const ms = nanosToMillis(nanos)
  if (!Number.isFinite(ms)) return nanos
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** Descending order of epoch-nanosecond strings without losing digits (they exceed Number's precision). */
export function compareNanosDesc(a: string, b: string): number {
  if (a.length !== b.length) return b.length - a.length
  return a < b ? 1 : a > b ? -1 : 0
}

/** A brushed interval of the histogram, widened to whole buckets, as the ISO instants the URL holds. */
export function brushToRange(startMs: number, endMs: number, stepMillis: number): { from: string; to: string } | null {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || stepMillis <= 0) return null
  const low = Math.min(startMs, endMs)
  const high = Math.max(startMs, endMs)
  const from = Math.floor(low / stepMillis) * stepMillis
  const to = Math.max(Math.ceil(high / stepMillis) * stepMillis, from + stepMillis)
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() }
}

/** The range twice as long around the same middle, not beyond now (the histogram's zoom out). */
export function zoomOut(fromMs: number, toMs: number, now: number): { from: string; to: string } {
  const span = Math.max(1000, toMs - fromMs)
  let to = toMs + span / 2
  let from = fromMs - span / 2
  if (to > now) {
    from -= to - now
    to = now
  }
  return { from: new Date(Math.round(from)).toISOString(), to: to >= now ? 'now' : new Date(Math.round(to)).toISOString() }
}

/** Severity as the row shows it: the level, else the text the record carried. */
export function severityOf(log: { severityLevel?: string; severityText?: string }): string {
  return log.severityLevel || log.severityText || '—'
}

/** A record of `POST /telemetry/logs/search`. */
export interface LogRecord extends LiveLogRecord {
  observedTimestampUnixNano?: string
  severityNumber?: number
  resourceAttributes?: Record<string, string>
  scopeName?: string
}

export interface LogSearchAnswer {
  logs: LogRecord[]
  nextCursor?: string
  hasMore: boolean
  totalEstimate?: { count: number; exact: boolean }
}

export interface HistogramAnswer {
  stepMillis: number
  total: number
  buckets: { timestamp: number; counts: Record<string, number>; total: number }[]
}

export interface TopValuesAnswer {
  field: string
  values: { value: string; count: number }[]
  otherCount: number
  total: number
  truncated: boolean
}

/**
 * What tells two copies of a record apart from two records: the live tail sends the records a search may also find
 * (its bodies cut to 4096 characters), so the list shows each once.
 */
export function recordIdentity(log: LiveLogRecord): string {
  return [log.timestampUnixNano, log.serviceName, log.traceId, log.spanId, log.severityText, log.body.slice(0, 4096)].join('\u0000')
}

/** A row of the explorer's list: a searched record, or one that arrived live. */
export interface LogItem {
  key: string
  live: boolean
  log: LogRecord
}
