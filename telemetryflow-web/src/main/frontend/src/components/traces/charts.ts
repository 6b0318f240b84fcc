// ECharts options shared by the trace pages (the colours are chart series colours, readable in both themes).
import type { EChartsCoreOption } from '../../charts/echarts'
import type { Point } from '../../lib/traceTypes'

const SERVICE_PALETTE = ['#4c7bf3', '#2f9e6e', '#d69e2e', '#a855f7', '#0ea5b7', '#e07b39', '#6366f1', '#84a33a', '#c2418f', '#5b8c9e']

/** A colour per service of a trace, in name order, so the waterfall and its legend agree. */
export function serviceColors(names: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(names)].sort()
  return new Map(sorted.map((name, i) => [name, SERVICE_PALETTE[i % SERVICE_PALETTE.length]]))
}

export const COLORS = { rate: '#4c7bf3', error: '#e5484d', p50: '#2f9e6e', p95: '#d69e2e', p99: '#a855f7' }

/** Axis labels: a bare 0 reads better than "0 ns" or "0/s". */
export function axisValue(format: (value: number) => string) {
  return (value: number) => (value === 0 ? '0' : format(value))
}

export interface LineSeries {
  name: string
  points: Point[]
  color: string
}

/** A time-axis line chart; `format` writes the values in the axis and tooltip. */
export function lineOption(series: LineSeries[], format: (value: number) => string, range?: { fromMs: number; toMs: number }): EChartsCoreOption {
  return {
    grid: { left: 64, right: 16, top: series.length > 1 ? 30 : 12, bottom: 28 },
    legend: series.length > 1 ? { top: 0, right: 8, itemHeight: 8, textStyle: { fontSize: 11 } } : undefined,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '–') },
    xAxis: { type: 'time', min: range?.fromMs, max: range?.toMs, splitNumber: 4, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: axisValue(format) }, splitNumber: 3 },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      data: s.points,
      showSymbol: s.points.length < 3,
      symbolSize: 4,
      lineStyle: { width: 1.5 },
      itemStyle: { color: s.color },
      connectNulls: false,
    })),
  }
}
