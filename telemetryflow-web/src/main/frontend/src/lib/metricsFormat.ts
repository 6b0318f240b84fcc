// The metrics explorer's pure parts: which aggregations a metric kind takes (docs/telemetry-api.md "What each
// aggregation means"), values with their units, series names, and the chart's option.

import { nanosToMillis } from './logQuery'

export type MetricKind = 'gauge' | 'sum' | 'histogram' | 'exponential_histogram' | 'summary'

export interface MetricName {
  name: string
  type: MetricKind
  unit: string
  description: string
  temporality: 'delta' | 'cumulative' | null
  monotonic: boolean
  lastSeen: string
  services: string[]
  dataPoints: number
}

export interface SeriesAnswer {
  metric: string
  type: MetricKind | null
  unit: string | null
  description: string | null
  aggregation: string
  stepSeconds: number
  series: { labels: Record<string, string>; points: [number, number | null][] }[]
  truncated: boolean
}

export interface Exemplar {
  timestampUnixNano: string
  value: number | null
  traceId: string
  spanId: string
  labels: Record<string, string>
  filteredAttributes: Record<string, string>
}

export const AGGREGATIONS = ['avg', 'min', 'max', 'sum', 'count', 'rate', 'increase', 'p50', 'p90', 'p95', 'p99'] as const
export type Aggregation = (typeof AGGREGATIONS)[number]

const VALUE = ['avg', 'min', 'max', 'sum', 'count'] as const
const PERCENTILES = ['p50', 'p90', 'p95', 'p99'] as const

/** The aggregations the server answers for a kind (others are a 400 on `aggregation`). */
export function aggregationsFor(kind: MetricKind | null | undefined, monotonic = false): Aggregation[] {
  switch (kind) {
    case 'gauge':
      return [...VALUE]
    case 'sum':
      return monotonic ? ['rate', 'increase', ...VALUE] : [...VALUE]
    case 'histogram':
    case 'exponential_histogram':
    case 'summary':
      return [...PERCENTILES, ...VALUE]
    default:
      return [...AGGREGATIONS]
  }
}

/** What a user of the kind usually wants first: rates of counters, p95 of distributions, else the average. */
export function defaultAggregation(kind: MetricKind | null | undefined, monotonic = false): Aggregation {
  if (kind === 'sum' && monotonic) return 'rate'
  if (kind === 'histogram' || kind === 'exponential_histogram' || kind === 'summary') return 'p95'
  return 'avg'
}

export const STEPS: { value: string; label: string }[] = [
  { value: '', label: 'auto' },
  { value: '10s', label: '10 s' },
  { value: '30s', label: '30 s' },
  { value: '1m', label: '1 min' },
  { value: '5m', label: '5 min' },
  { value: '15m', label: '15 min' },
  { value: '1h', label: '1 h' },
  { value: '6h', label: '6 h' },
  { value: '1d', label: '1 d' },
]

/** `{request}` → `request`: UCUM annotations read as plain words. */
export function unitLabel(unit: string | null | undefined): string {
  if (!unit || unit === '1') return ''
  return unit.replace(/^\{(.*)\}$/, '$1')
}

/** The unit of the aggregated values: counts have none, rates are per second. */
export function aggregatedUnit(unit: string | null | undefined, aggregation: string): string {
  if (aggregation === 'count') return ''
  const base = unitLabel(unit)
  if (aggregation === 'rate') return base ? `${base}/s` : '/s'
  return base
}

const TIME_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, min: 60, h: 3600, d: 86400 }
const BYTES: Record<string, number> = { By: 1, KiBy: 1024, MiBy: 1024 ** 2, GiBy: 1024 ** 3, KBy: 1e3, MBy: 1e6, GBy: 1e9 }

function compact(value: number): string {
  const abs = Math.abs(value)
  if (abs === 0) return '0'
  if (abs >= 1e9) return `${+(value / 1e9).toPrecision(3)}G`
  if (abs >= 1e6) return `${+(value / 1e6).toPrecision(3)}M`
  if (abs >= 1e4) return `${+(value / 1e3).toPrecision(3)}k`
  if (abs >= 100) return String(Math.round(value))
  if (abs >= 0.01) return String(+value.toPrecision(3))
  return value.toExponential(2)
}

/** A value for axis and tooltip, in a readable unit: durations in ns…h, bytes in B…GiB, percent, else compact. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const perSecond = unit.endsWith('/s') && unit !== '/s'
  const base = perSecond ? unit.slice(0, -2) : unit
  const suffix = perSecond ? '/s' : ''
  if (base in TIME_UNITS) {
    const seconds = value * TIME_UNITS[base]
    const abs = Math.abs(seconds)
    if (abs === 0) return `0 s${suffix}`
    if (abs < 1e-6) return `${compact(seconds * 1e9)} ns${suffix}`
    if (abs < 1e-3) return `${compact(seconds * 1e6)} µs${suffix}`
    if (abs < 1) return `${compact(seconds * 1e3)} ms${suffix}`
    if (abs < 120) return `${compact(seconds)} s${suffix}`
    if (abs < 7200) return `${compact(seconds / 60)} min${suffix}`
    return `${compact(seconds / 3600)} h${suffix}`
  }
  if (base in BYTES) {
    const bytes = value * BYTES[base]
    const steps = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
    let i = 0
    let scaled = bytes
    while (Math.abs(scaled) >= 1024 && i < steps.length - 1) {
      scaled /= 1024
      i++
    }
    return `${compact(scaled)} ${steps[i]}${suffix}`
  }
  if (base === '%') return `${compact(value)}%${suffix}`
  return unit ? `${compact(value)} ${unit}` : compact(value)
}

/** A series' legend name: its group-by values, or the metric when it has none. */
export function seriesName(labels: Record<string, string>, metric: string): string {
  const entries = Object.entries(labels)
  if (!entries.length) return metric
  return entries.map(([k, v]) => `${k}=${v === '' ? '""' : v}`).join(', ')
}

/** Min, average, maximum and last of a series' points (nulls left out). */
export function seriesStats(points: [number, number | null][]): { min: number; avg: number; max: number; last: number } | null {
  const values = points.map((p) => p[1]).filter((v): v is number => v !== null && Number.isFinite(v))
  if (!values.length) return null
  let min = Infinity
  let max = -Infinity
  let sum = 0
  for (const v of values) {
    min = Math.min(min, v)
    max = Math.max(max, v)
    sum += v
  }
  return { min, avg: sum / values.length, max, last: values[values.length - 1] }
}

/** Exemplars are raw measurements: they share the axis with the value aggregations and percentiles, not counts or rates. */
export function exemplarsFit(aggregation: string): boolean {
  return ['avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99'].includes(aggregation)
}

export const SERIES_COLOURS = ['#3867d6', '#20bf6b', '#f7b731', '#eb3b5a', '#8854d0', '#0fb9b1', '#fa8231', '#4b7bec', '#a5b1c2', '#2d98da']

/** The line chart of the series, with the exemplars as clickable scatter points (each carrying its trace id). */
export function chartOption(answer: SeriesAnswer, exemplars: Exemplar[], range: { fromMs: number; toMs: number }): Record<string, unknown> {
  const unit = aggregatedUnit(answer.unit, answer.aggregation)
  const lines = answer.series.map((s, i) => ({
    type: 'line',
    name: seriesName(s.labels, answer.metric),
    showSymbol: s.points.length < 3,
    symbolSize: 5,
    connectNulls: false,
    lineStyle: { width: 1.6 },
    color: SERIES_COLOURS[i % SERIES_COLOURS.length],
    emphasis: { focus: 'series' },
    data: s.points,
  }))
  const points = exemplars
    .filter((e) => e.value !== null && Number.isFinite(e.value) && Number.isFinite(nanosToMillis(e.timestampUnixNano)))
    .map((e) => ({ value: [nanosToMillis(e.timestampUnixNano), e.value], traceId: e.traceId, spanId: e.spanId, labels: e.labels }))
  const scatter = points.length
    ? [{
        type: 'scatter',
        name: 'exemplars',
        symbol: 'diamond',
        symbolSize: 9,
        color: '#e056fd',
        z: 5,
        cursor: 'pointer',
        data: points,
      }]
    : []
  return {
    animation: false,
    grid: { left: 64, right: 20, top: 16, bottom: answer.series.length > 1 || points.length ? 64 : 32 },
    // drawn on the canvas: an HTML tooltip's markup carries style attributes, which the console's CSP (style-src 'self') blocks
    tooltip: {
      trigger: 'axis',
      confine: true,
      renderMode: 'richText',
      valueFormatter: (v: number) => formatValue(v, unit),
    },
    legend: { type: 'scroll', bottom: 0, show: answer.series.length > 1 || points.length > 0 },
    xAxis: { type: 'time', min: range.fromMs, max: range.toMs },
    yAxis: { type: 'value', scale: false, axisLabel: { formatter: (v: number) => formatValue(v, unit) } },
    series: [...lines, ...scatter],
  }
}
