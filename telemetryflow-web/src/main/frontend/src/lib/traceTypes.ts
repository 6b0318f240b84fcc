// Shapes of the traces API answers (docs/telemetry-api.md "Traces"; records in telemetryflow-domain .../telemetry/traces).

export type Point = [number, number]

export interface Percentiles {
  p50: number
  p95: number
  p99: number
}

export interface RedItem {
  service: string
  operation: string | null
  requests: number
  rate: number
  errors: number
  errorRate: number
  durationNanos: Percentiles
  series: { rate: Point[]; errors: Point[]; p50: Point[]; p95: Point[]; p99: Point[] } | null
}

export interface RedMetrics {
  from: string
  to: string
  service: string | null
  stepSeconds: number | null
  items: RedItem[]
  truncated: boolean
}

export interface ServiceMapNode {
  service: string
  calls: number
  errors: number
  errorRate: number
}

export interface ServiceMapEdge {
  source: string
  target: string
  calls: number
  errors: number
  errorRate: number
  latencyNanos: Percentiles
}

export interface ServiceMap {
  from: string
  to: string
  nodes: ServiceMapNode[]
  edges: ServiceMapEdge[]
  truncated: boolean
}

export interface TraceSummary {
  traceId: string
  rootService: string
  rootOperation: string
  rootInferred: boolean
  startTimeUnixNano: string
  durationNanos: number
  spanCount: number
  errorCount: number
  services: string[]
}

export interface TraceSearchResult {
  traces: TraceSummary[]
  hasMore: boolean
}

export interface AttributeFilter {
  key: string
  op: 'eq' | 'neq' | 'in' | 'not_in' | 'regex' | 'not_regex' | 'exists'
  value?: string
  values?: string[]
}

export interface SpanEvent {
  timeUnixNano: string
  name: string
  attributes: Record<string, string>
  attributeTypes: Record<string, string>
  droppedAttributesCount: number
}

export interface SpanLink {
  traceId: string
  spanId: string
  traceState: string
  flags: number
  attributes: Record<string, string>
  attributeTypes: Record<string, string>
  droppedAttributesCount: number
}

export interface TraceSpan {
  spanId: string
  parentSpanId: string
  depth?: number
  childSpanIds?: string[]
  orphan?: boolean
  serviceName: string
  name: string
  kind: string
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationNanos: number
  statusCode: string
  statusMessage: string
  traceState?: string
  flags?: number
  attributes: Record<string, string>
  attributeTypes?: Record<string, string>
  droppedAttributesCount?: number
  resourceAttributes: Record<string, string>
  resourceAttributeTypes?: Record<string, string>
  scope?: { name: string; version: string; attributes: Record<string, string> } | null
  events?: SpanEvent[]
  droppedEventsCount?: number
  links?: SpanLink[]
  droppedLinksCount?: number
  criticalPathNanos?: number
}

export interface TraceDetail {
  traceId: string
  rootSpanId: string
  rootService: string
  rootOperation: string
  rootInferred: boolean
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationNanos: number
  spanCount: number
  errorCount: number
  services: string[]
  maxDepth: number
  orphanCount: number
  duplicateSpanCount: number
  truncated: boolean
  criticalPath: { spanId: string; startTimeUnixNano: string; endTimeUnixNano: string; durationNanos: number }[]
  spans: TraceSpan[]
}
