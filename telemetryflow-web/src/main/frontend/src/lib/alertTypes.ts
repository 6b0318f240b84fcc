// Shapes of the alerting API (docs/alerting.md; the issue #16 contract): rules, their preview, instances, history,
// silences and notification channels.

export const RULE_KINDS = ['metric', 'logs', 'traces', 'absence'] as const
export type RuleKind = (typeof RULE_KINDS)[number]

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type AlertSeverity = (typeof SEVERITIES)[number]

export const STATES = ['normal', 'pending', 'firing', 'recovering', 'no_data', 'error'] as const
export type AlertState = (typeof STATES)[number]

export const OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const
export type Operator = (typeof OPERATORS)[number]

export const REDUCERS = ['at_least_once', 'always', 'avg', 'total', 'last'] as const
export type Reducer = (typeof REDUCERS)[number]

/** What NoData or an evaluation error turns into: firing, normal, its own state (`no_data` / `error`), or the last. */
export type StateMapping = 'firing' | 'normal' | 'no_data' | 'error' | 'keep_last'

export const TRACE_MEASURES = ['error_rate', 'request_rate', 'p50', 'p90', 'p95', 'p99'] as const
export type TraceMeasure = (typeof TRACE_MEASURES)[number]

export interface ApiFilter {
  key: string
  op: string
  value?: string
}

export interface MetricQuerySpec {
  metric?: string
  aggregation?: string
  service?: string | null
  filters?: ApiFilter[]
  groupBy?: string[]
}

export interface LogsQuerySpec {
  query?: string
  severity?: string | null
  service?: string | null
  filters?: ApiFilter[]
  groupBy?: string | null
}

export interface TracesQuerySpec {
  service?: string
  operation?: string | null
  measure?: TraceMeasure
}

/** The query of any kind: metric, logs, traces, or absence (`signal` plus the metric or logs fields). */
export interface RuleQuerySpec extends Omit<MetricQuerySpec, 'groupBy' | 'service'>, Omit<LogsQuerySpec, 'groupBy' | 'service'>, Omit<TracesQuerySpec, 'service'> {
  service?: string | null
  /** metric: several keys; logs: one attribute */
  groupBy?: string[] | string | null
  signal?: 'metric' | 'logs'
}

/** An absence rule has no operator, threshold, recovery threshold or reduce: it fires on too few points. */
export interface ConditionSpec {
  operator?: Operator
  threshold?: number
  recoveryThreshold?: number | null
  reduce?: Reducer
  window: string
  pendingFor?: string
  keepFiringFor?: string
  minDataPoints?: number
}

/** The body of create, update and preview. */
export interface RuleSpec {
  name: string
  kind: RuleKind
  query: RuleQuerySpec
  condition: ConditionSpec
  interval?: string
  evaluationDelay?: string
  noData?: StateMapping
  onError?: StateMapping
  resolveMissingAfter?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  severity: AlertSeverity
  enabled?: boolean
  tenantId?: string
  /** Update only: the version read, so a concurrent save is refused with 409. */
  version?: number
}

export interface StoredRule extends RuleSpec {
  id: string
  tenantId: string
  version: number
  createdAt: string
  createdBy?: string | null
  updatedAt?: string | null
  updatedBy?: string | null
  /** How many instances are in each state now. */
  instances?: Partial<Record<AlertState, number>> | null
  evaluation?: {
    evaluations: number
    lastEvaluatedAt?: string | null
    lastError?: string | null
    nextEvaluationAt?: string | null
  } | null
}

/** An epoch-millisecond number or an ISO-8601 text: the API's instants. */
export type Instant = string | number

export interface PreviewSeries {
  labels: Record<string, string>
  points: [number, number | null][]
}

export interface PreviewTransition {
  fingerprint: string
  labels?: Record<string, string>
  from: AlertState
  to: AlertState
  at: Instant
  value?: number | null
  reason?: string | null
}

export interface PreviewAnswer {
  series: PreviewSeries[]
  crossings: { fingerprint: string; at: Instant; value: number | null }[]
  transitions: PreviewTransition[]
}

export interface AlertInstance {
  ruleId: string
  ruleName: string
  fingerprint: string
  labels: Record<string, string>
  annotations?: Record<string, string>
  state: AlertState
  severity: AlertSeverity
  value?: number | null
  reason?: string | null
  stateSince?: Instant | null
  firingSince?: Instant | null
  pendingSince?: Instant | null
  acknowledgedBy?: string | null
  acknowledgedAt?: Instant | null
}

export interface HistoryEntry extends PreviewTransition {
  ruleId?: string
}

export interface RuleStats {
  firings: number
  resolved: number
  meanTimeToResolveSeconds: number | null
}

/** One delivery attempt: outcome delivered, retrying, failed or dead_lettered. */
export interface DeliveryAttempt {
  notificationId: string
  status: string
  channelId: string
  attempt: number
  at: Instant
  outcome: string
  statusCode?: number | null
  error?: string | null
}

/** A notification held back (silenced, inhibited, in a maintenance window, over the rate limit). */
export interface DroppedNotification {
  notificationId: string
  status: string
  at: Instant
  reason: string
}

export interface InstanceNotifications {
  attempts: DeliveryAttempt[]
  dropped: DroppedNotification[]
}

export interface Matcher {
  name: string
  op: '=' | '!=' | '=~' | '!~'
  value: string
}

export interface Silence {
  id: string
  silence: { matchers: Matcher[]; startsAt: string; endsAt: string; comment?: string | null }
  status: 'pending' | 'active' | 'expired'
  /** The author. */
  createdBy?: string | null
  createdAt?: string
}

export interface Policy {
  id: string
  policy: {
    name: string
    position?: number | null
    matchers?: Matcher[] | null
    channelIds?: string[] | null
    groupBy?: string[] | null
    groupWait?: string | null
    groupInterval?: string | null
    repeatInterval?: string | null
    sendResolved?: boolean | null
    continueMatching?: boolean | null
    defaultPolicy?: boolean | null
  }
  createdBy?: string | null
}

export interface RuleTemplate {
  id: string
  category: string
  title: string
  spec: RuleSpec
}

export interface Channel {
  id: string
  name: string
  type: string
  config: Record<string, unknown>
  templates?: { title?: string; body?: string } | null
  enabled: boolean
}

export interface ChannelTestResult {
  delivered: boolean
  retryable?: boolean
  statusCode?: number | null
  error?: string | null
}

/** A list answer: the API's page, or a bare array from an endpoint that does not page. */
export type ListAnswer<T> = { items: T[]; total?: number } | T[]

export function itemsOf<T>(answer: ListAnswer<T> | null | undefined): T[] {
  if (!answer) return []
  return Array.isArray(answer) ? answer : answer.items ?? []
}

/** An instant as epoch milliseconds (NaN when absent or unreadable). */
export function toMillis(at: Instant | null | undefined): number {
  if (at === null || at === undefined || at === '') return NaN
  if (typeof at === 'number') return at
  return /^\d+$/.test(at) ? Number(at) : Date.parse(at)
}
