// The rule editor's preview: the series the rule reads over the last hours, its threshold and recovery lines, and
// the periods it would have been pending or firing (from the transitions the server's replay produced), shaded.

import { instanceRows, labelText, periodsOf, STATE_COLOURS } from './alertTimeline'
import type { PreviewAnswer } from './alertTypes'
import { formatValue, SERIES_COLOURS } from './metricsFormat'

export interface PreviewSummary {
  series: number
  points: number
  crossings: number
  firings: number
  /** Instances firing at the end of the previewed range. */
  firingAtEnd: number
}

export function previewSummary(answer: PreviewAnswer, range: { fromMs: number; toMs: number }): PreviewSummary {
  const rows = instanceRows(answer.transitions, range.fromMs, range.toMs)
  return {
    series: answer.series.length,
    points: answer.series.reduce((sum, s) => sum + s.points.filter((p) => p[1] !== null).length, 0),
    crossings: answer.crossings.length,
    firings: rows.reduce((sum, r) => sum + r.firings, 0),
    firingAtEnd: rows.filter((r) => r.bands[r.bands.length - 1]?.state === 'firing').length,
  }
}

/** The preview's range: the server replays the last `hours` up to now. */
export function previewRange(hours: number, now: number): { fromMs: number; toMs: number } {
  return { fromMs: now - hours * 3_600_000, toMs: now }
}

interface Lines {
  threshold?: number | null
  recoveryThreshold?: number | null
}

/** The chart: a line per series, dashed threshold (red) and recovery (green) lines, firing and pending shaded. */
export function previewOption(answer: PreviewAnswer, lines: Lines, range: { fromMs: number; toMs: number }, unit = ''): Record<string, unknown> {
  const rows = instanceRows(answer.transitions, range.fromMs, range.toMs)
  const area = (state: 'firing' | 'pending', name: string) =>
    periodsOf(rows, state).map((p) => [
      { xAxis: p.start, name: `${name}${Object.keys(p.labels).length ? ` · ${labelText(p.labels)}` : ''}` },
      { xAxis: p.end },
    ])
  const markLines: object[] = []
  if (Number.isFinite(lines.threshold)) {
    markLines.push({ yAxis: lines.threshold, name: 'threshold', lineStyle: { color: STATE_COLOURS.firing, type: 'dashed', width: 1.5 }, label: { formatter: 'threshold', position: 'insideEndTop', color: STATE_COLOURS.firing } })
  }
  if (Number.isFinite(lines.recoveryThreshold)) {
    markLines.push({ yAxis: lines.recoveryThreshold, name: 'recovery', lineStyle: { color: STATE_COLOURS.normal, type: 'dashed', width: 1.5 }, label: { formatter: 'recovery', position: 'insideEndBottom', color: STATE_COLOURS.normal } })
  }
  const series: object[] = answer.series.map((s, i) => ({
    type: 'line',
    name: labelText(s.labels, 'value'),
    showSymbol: s.points.length < 3,
    symbolSize: 5,
    connectNulls: false,
    lineStyle: { width: 1.6 },
    color: SERIES_COLOURS[i % SERIES_COLOURS.length],
    data: s.points,
  }))
  // the marks ride on a series of their own, so they show even when no series came back
  series.push({
    type: 'line',
    name: 'alert',
    data: [],
    silent: true,
    markLine: { symbol: 'none', silent: true, data: markLines },
    markArea: {
      silent: true,
      // the list under the chart names the periods; labels on the chart would overlap
      label: { show: false },
      data: [
        ...area('pending', 'pending').map((pair) => [{ ...pair[0], itemStyle: { color: 'rgba(214, 158, 46, 0.16)' } }, pair[1]]),
        ...area('firing', 'firing').map((pair) => [{ ...pair[0], itemStyle: { color: 'rgba(229, 62, 62, 0.2)' } }, pair[1]]),
      ],
    },
  })
  const values = answer.series.flatMap((s) => s.points.map((p) => p[1]).filter((v): v is number => v !== null && Number.isFinite(v)))
  const marks = [lines.threshold, lines.recoveryThreshold].filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const all = [...values, ...marks]
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 20, bottom: answer.series.length > 1 ? 56 : 28 },
    tooltip: { trigger: 'axis', confine: true, renderMode: 'richText', valueFormatter: (v: number) => formatValue(v, unit) },
    legend: { type: 'scroll', bottom: 0, show: answer.series.length > 1, data: answer.series.map((s) => labelText(s.labels, 'value')) },
    xAxis: { type: 'time', min: range.fromMs, max: range.toMs },
    // the threshold stays in view even when the data sits far from it
    yAxis: {
      type: 'value',
      min: all.length ? Math.min(0, ...all) : undefined,
      max: all.length ? niceMax(Math.max(...all)) : undefined,
      // the top is the headroom's odd number (1.1 above 1): its label would crowd the one below
      axisLabel: { formatter: (v: number) => formatValue(v, unit), showMaxLabel: false },
    },
    series,
  }
}

/** A little headroom above the largest value or line. */
export function niceMax(value: number): number {
  if (value <= 0) return 1
  const scaled = value * 1.05
  const step = 10 ** Math.floor(Math.log10(scaled)) / 10
  return +(Math.ceil(scaled / step) * step).toPrecision(12)
}

/** The firing and pending periods of the preview, for the list below the chart. */
export function previewPeriods(answer: PreviewAnswer, range: { fromMs: number; toMs: number }) {
  const rows = instanceRows(answer.transitions, range.fromMs, range.toMs)
  return periodsOf(rows, 'firing')
    .map((p) => ({ ...p, labelText: labelText(p.labels) }))
    .sort((a, b) => a.start - b.start)
}
