// The rule editor's form and the rule JSON the API takes (AlertRuleSpec): one flat form whose inputs are strings, turned
// into the spec of its kind and back, with the durations ("5m", "1h30m") and the checks that keep a preview from being
// asked for a rule the server would refuse anyway. The server stays the judge: its 400 names the field (a JSON path
// such as condition.threshold), and `fieldOf` tells the form which input that is.

import { apiAttributeFilter, parseQuery, type AttributeFilter } from './logQuery'
import type {
  AlertSeverity,
  ApiFilter,
  Operator,
  Reducer,
  RuleKind,
  RuleQuerySpec,
  RuleSpec,
  StateMapping,
  StoredRule,
  TraceMeasure,
} from './alertTypes'

export interface KeyValue {
  key: string
  value: string
}

export interface RuleForm {
  name: string
  kind: RuleKind
  /** absence: which signal must keep arriving */
  signal: 'metric' | 'logs'
  // metric (and absence of a metric)
  metric: string
  aggregation: string
  groupBy: string[]
  // metric and logs
  service: string
  filters: AttributeFilter[]
  // logs (and absence of logs)
  logQuery: string
  logSeverity: string
  logGroupBy: string
  // traces
  operation: string
  measure: TraceMeasure
  // condition
  operator: Operator
  threshold: string
  recoveryThreshold: string
  reduce: Reducer
  window: string
  pendingFor: string
  keepFiringFor: string
  minDataPoints: string
  // evaluation
  interval: string
  evaluationDelay: string
  noData: StateMapping
  onError: StateMapping
  resolveMissingAfter: string
  // what the notifications say
  labels: KeyValue[]
  summary: string
  description: string
  runbookUrl: string
  /** Annotations other than summary, description and runbookUrl, kept as they came. */
  otherAnnotations: KeyValue[]
  severity: AlertSeverity
  enabled: boolean
}

export function emptyForm(): RuleForm {
  return {
    name: '',
    kind: 'metric',
    signal: 'metric',
    metric: '',
    aggregation: 'avg',
    groupBy: [],
    service: '',
    filters: [],
    logQuery: '',
    logSeverity: '',
    logGroupBy: '',
    operation: '',
    measure: 'error_rate',
    operator: 'gt',
    threshold: '',
    recoveryThreshold: '',
    reduce: 'avg',
    window: '5m',
    pendingFor: '2m',
    keepFiringFor: '0s',
    minDataPoints: '1',
    interval: '1m',
    evaluationDelay: '0s',
    noData: 'no_data',
    onError: 'error',
    resolveMissingAfter: '2',
    labels: [],
    summary: '',
    description: '',
    runbookUrl: '',
    otherAnnotations: [],
    severity: 'medium',
    enabled: true,
  }
}

// ---- durations

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 }
// as the server reads a rule's durations: one number with a unit (`30s`, `5m`, `1.5h`), or bare whole seconds
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$|^(\d+)$/

/** Seconds of a duration like `90s`, `5m`, `1.5h` or `300`; NaN when it is not one. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim().toLowerCase())
  if (!match) return NaN
  return match[3] !== undefined ? Number(match[3]) : Number(match[1]) * UNIT_SECONDS[match[2]]
}

/** A duration for people: `5m` → `5 min`, `1h30m` → `1 h 30 min`. */
export function describeDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—'
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`
  const parts: string[] = []
  let rest = Math.round(seconds)
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`)
      rest %= size
    }
  }
  return parts.slice(0, 2).join(' ')
}

// ---- form → spec

const KNOWN_ANNOTATIONS = ['summary', 'description', 'runbookUrl']

function text(value: string): string | undefined {
  const trimmed = value.trim()
  return trimmed ? trimmed : undefined
}

function number(value: string): number | undefined {
  const trimmed = value.trim()
  return trimmed === '' ? undefined : Number(trimmed)
}

function map(pairs: KeyValue[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const { key, value } of pairs) if (key.trim()) out[key.trim()] = value
  return out
}

function metricQuery(form: RuleForm): RuleQuerySpec {
  const query: RuleQuerySpec = { metric: form.metric.trim(), aggregation: form.aggregation }
  if (text(form.service)) query.service = text(form.service)
  if (form.filters.length) query.filters = form.filters.map(apiAttributeFilter)
  if (form.groupBy.length) query.groupBy = [...form.groupBy]
  return query
}

function logsQuery(form: RuleForm): RuleQuerySpec {
  const query: RuleQuerySpec = { query: form.logQuery.trim() }
  if (text(form.logSeverity)) query.severity = text(form.logSeverity)
  if (text(form.service)) query.service = text(form.service)
  if (form.filters.length) query.filters = form.filters.map(apiAttributeFilter)
  if (text(form.logGroupBy)) query.groupBy = text(form.logGroupBy)
  return query
}

function queryOf(form: RuleForm): RuleQuerySpec {
  switch (form.kind) {
    case 'metric':
      return metricQuery(form)
    case 'logs':
      return logsQuery(form)
    case 'traces': {
      const query: RuleQuerySpec = { service: form.service.trim(), measure: form.measure }
      if (text(form.operation)) query.operation = text(form.operation)
      return query
    }
    case 'absence':
      return { signal: form.signal, ...(form.signal === 'metric' ? metricQuery(form) : logsQuery(form)) }
  }
}

/** The JSON of a rule as the API takes it (create, update and preview). Numbers that do not parse go as NaN → null. */
export function formToSpec(form: RuleForm): RuleSpec {
  const annotations: Record<string, string> = map(form.otherAnnotations)
  for (const key of KNOWN_ANNOTATIONS) {
    const value = text(form[key as 'summary' | 'description' | 'runbookUrl'])
    if (value) annotations[key] = value
  }
  const spec: RuleSpec = {
    name: form.name.trim(),
    kind: form.kind,
    query: queryOf(form),
    condition: {
      window: form.window.trim(),
      pendingFor: form.pendingFor.trim() || '0s',
      keepFiringFor: form.keepFiringFor.trim() || '0s',
      minDataPoints: number(form.minDataPoints) ?? 1,
    },
    interval: form.interval.trim(),
    evaluationDelay: form.evaluationDelay.trim() || '0s',
    noData: form.noData,
    onError: form.onError,
    resolveMissingAfter: number(form.resolveMissingAfter) ?? 2,
    labels: map(form.labels),
    annotations,
    severity: form.severity,
    enabled: form.enabled,
  }
  // an absence rule compares the number of points with minDataPoints: the server refuses a threshold on it
  if (form.kind !== 'absence') {
    spec.condition = { operator: form.operator, threshold: number(form.threshold) as number, reduce: form.reduce, ...spec.condition }
    const recovery = number(form.recoveryThreshold)
    if (recovery !== undefined) spec.condition.recoveryThreshold = recovery
  }
  return spec
}

// ---- spec → form

function fromApiFilter(filter: ApiFilter): AttributeFilter {
  const op = (['eq', 'neq', 'regex', 'not_regex', 'exists'].includes(filter.op) ? filter.op : 'eq') as AttributeFilter['op']
  return op === 'exists' ? { key: filter.key, op } : { key: filter.key, op, value: filter.value ?? '' }
}

function pairs(record: Record<string, string> | null | undefined, skip: string[] = []): KeyValue[] {
  return Object.entries(record ?? {})
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => ({ key, value: String(value) }))
}

function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

/** A stored rule or a template in the form, for editing; what the form has no input for keeps its default. */
export function specToForm(spec: RuleSpec): RuleForm {
  const form = emptyForm()
  const q = spec.query ?? {}
  const c = spec.condition ?? ({} as RuleSpec['condition'])
  const annotations = spec.annotations ?? {}
  const groupBy = q.groupBy
  Object.assign(form, {
    name: spec.name ?? '',
    kind: spec.kind ?? 'metric',
    signal: q.signal ?? (q.metric ? 'metric' : 'logs'),
    metric: str(q.metric),
    aggregation: q.aggregation ?? form.aggregation,
    groupBy: Array.isArray(groupBy) ? [...groupBy] : [],
    service: str(q.service),
    filters: (q.filters ?? []).map(fromApiFilter),
    logQuery: str(q.query),
    logSeverity: str(q.severity),
    logGroupBy: typeof groupBy === 'string' ? groupBy : '',
    operation: str(q.operation),
    measure: q.measure ?? form.measure,
    operator: c.operator ?? form.operator,
    threshold: str(c.threshold),
    recoveryThreshold: str(c.recoveryThreshold),
    reduce: c.reduce ?? form.reduce,
    window: c.window ?? form.window,
    pendingFor: c.pendingFor ?? form.pendingFor,
    keepFiringFor: c.keepFiringFor ?? form.keepFiringFor,
    minDataPoints: str(c.minDataPoints ?? form.minDataPoints),
    interval: spec.interval ?? form.interval,
    evaluationDelay: spec.evaluationDelay ?? form.evaluationDelay,
    noData: spec.noData ?? form.noData,
    onError: spec.onError ?? form.onError,
    resolveMissingAfter: str(spec.resolveMissingAfter ?? form.resolveMissingAfter),
    labels: pairs(spec.labels),
    summary: str(annotations.summary),
    description: str(annotations.description),
    runbookUrl: str(annotations.runbookUrl),
    otherAnnotations: pairs(annotations, KNOWN_ANNOTATIONS),
    severity: spec.severity ?? form.severity,
    enabled: spec.enabled ?? true,
  })
  return form
}

// ---- checks before asking the server

/** Problems the form can see itself, by the JSON path the server would name; empty when the rule may be previewed. */
export function formProblems(form: RuleForm): Record<string, string> {
  const problems: Record<string, string> = {}
  const spec = formToSpec(form)
  const c = spec.condition
  const usesMetric = form.kind === 'metric' || (form.kind === 'absence' && form.signal === 'metric')
  const usesLogs = form.kind === 'logs' || (form.kind === 'absence' && form.signal === 'logs')
  if (usesMetric && !form.metric.trim()) problems['query.metric'] = 'Choose a metric.'
  if (usesLogs) {
    const parsed = parseQuery(form.logQuery)
    if (parsed.error) problems['query.query'] = parsed.error
  }
  if (form.kind === 'traces' && !form.service.trim()) problems['query.service'] = 'Name the service.'
  if (form.kind !== 'absence' && !Number.isFinite(c.threshold)) problems['condition.threshold'] = 'Enter a number.'
  if (c.recoveryThreshold !== undefined && c.recoveryThreshold !== null && c.operator) {
    if (!Number.isFinite(c.recoveryThreshold)) {
      problems['condition.recoveryThreshold'] = 'Enter a number, or leave it empty.'
    } else if (c.operator === 'eq' || c.operator === 'neq') {
      problems['condition.recoveryThreshold'] = 'Only with >, ≥, < or ≤.'
    } else if (Number.isFinite(c.threshold) && !recoversOnTheRightSide(c.operator, c.threshold as number, c.recoveryThreshold)) {
      problems['condition.recoveryThreshold'] = c.operator.startsWith('g')
        ? 'Must be at or below the threshold: the alert resolves once the value falls under it.'
        : 'Must be at or above the threshold: the alert resolves once the value rises over it.'
    }
  }
  const durations: [string, string, boolean][] = [
    ['condition.window', form.window, true],
    ['condition.pendingFor', form.pendingFor, false],
    ['condition.keepFiringFor', form.keepFiringFor, false],
    ['interval', form.interval, true],
    ['evaluationDelay', form.evaluationDelay, false],
  ]
  for (const [field, value, positive] of durations) {
    const seconds = parseDuration(value.trim() || (positive ? '' : '0s'))
    if (!Number.isFinite(seconds)) problems[field] = 'A duration such as 30s, 5m or 1.5h.'
    else if (!Number.isInteger(seconds)) problems[field] = 'A whole number of seconds.'
    else if (positive && seconds <= 0) problems[field] = 'Must be longer than 0s.'
  }
  const minPoints = c.minDataPoints ?? 1
  if (!Number.isInteger(minPoints) || minPoints < 1) problems['condition.minDataPoints'] = 'A whole number, at least 1.'
  const missing = spec.resolveMissingAfter ?? 3
  if (!Number.isInteger(missing) || missing < 1) problems.resolveMissingAfter = 'A whole number, at least 1.'
  if (form.runbookUrl.trim() && !/^https?:\/\//i.test(form.runbookUrl.trim())) {
    problems['annotations.runbookUrl'] = 'An http:// or https:// address.'
  }
  return problems
}

/** Hysteresis only makes sense on the resolving side of the threshold. */
function recoversOnTheRightSide(operator: Operator, threshold: number, recovery: number): boolean {
  if (operator === 'gt' || operator === 'gte') return recovery <= threshold
  if (operator === 'lt' || operator === 'lte') return recovery >= threshold
  return true
}

/** Problems that stop a save (a preview also needs no name). */
export function saveProblems(form: RuleForm): Record<string, string> {
  const problems = formProblems(form)
  if (!form.name.trim()) problems.name = 'Name the rule.'
  return problems
}

/**
 * The form input a server error names: the JSON path as given (`condition.threshold`), or its head for an element
 * (`labels.team` → `labels`, `query.filters[2].value` → `query.filters`).
 */
export function fieldOf(path: string | undefined | null): string {
  if (!path) return ''
  const normal = path.replace(/^\$\.?/, '').replace(/\[\d+\].*$/, '')
  if (normal.startsWith('labels.') || (normal.startsWith('annotations.') && !KNOWN_ANNOTATIONS.includes(normal.slice(12)))) {
    return normal.slice(0, normal.indexOf('.'))
  }
  return normal
}

/** The words of a condition: `avg over 5m > 0.9 for 2m`. */
export function describeCondition(spec: Pick<RuleSpec, 'condition' | 'kind'>): string {
  const c = spec.condition
  if (!c) return ''
  if (spec.kind === 'absence') return `no data for ${c.window}`
  const symbol: Record<Operator, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=', neq: '≠' }
  const reduce: Record<Reducer, string> = { at_least_once: 'any point', always: 'every point', avg: 'avg', total: 'total', last: 'last' }
  const operator = c.operator ?? 'gt'
  let words = `${reduce[c.reduce ?? 'avg'] ?? c.reduce} over ${c.window} ${symbol[operator] ?? operator} ${c.threshold}`
  if (c.pendingFor && parseDuration(c.pendingFor) > 0) words += ` for ${c.pendingFor}`
  return words
}

/** What the rule watches, in one line: the metric, the log query or the service's measure. */
export function describeQuery(spec: Pick<RuleSpec, 'query' | 'kind'>): string {
  const q = spec.query ?? {}
  const logs = () => `logs${q.query ? ` “${q.query}”` : ''}${q.severity ? ` ≥ ${q.severity}` : ''}${q.service ? ` of ${q.service}` : ''}`
  switch (spec.kind) {
    case 'metric':
      return `${q.aggregation ?? 'avg'}(${q.metric ?? ''})${q.service ? ` of ${q.service}` : ''}`
    case 'logs':
      return `count of ${logs()}`
    case 'traces':
      return `${(q.measure ?? '').replace('_', ' ')} of ${q.service ?? ''}${q.operation ? ` ${q.operation}` : ''}`
    case 'absence':
      return q.signal === 'logs' ? `absence of ${logs()}` : `absence of ${q.metric ?? ''}`
    default:
      return ''
  }
}

const SPEC_KEYS: (keyof RuleSpec)[] = [
  'name', 'kind', 'query', 'condition', 'interval', 'evaluationDelay', 'noData', 'onError', 'resolveMissingAfter', 'labels',
  'annotations', 'severity', 'enabled', 'tenantId', 'version',
]

/** The update body of a stored rule: its spec and the version read, without what the server adds (id, audit, state). */
export function storedToSpec(rule: StoredRule): RuleSpec {
  const spec: Record<string, unknown> = {}
  for (const key of SPEC_KEYS) if (rule[key] !== undefined && rule[key] !== null) spec[key] = rule[key]
  return spec as unknown as RuleSpec
}
