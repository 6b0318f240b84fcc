// State over time of each alert instance, from its transitions: the bands of the history timeline (one row per
// instance) and the shaded firing periods of the rule editor's preview.

import { toMillis, type AlertState, type PreviewTransition } from './alertTypes'

/** The colour of each state on the canvas (ECharts cannot read CSS variables). */
export const STATE_COLOURS: Record<AlertState, string> = {
  normal: '#2f855a',
  pending: '#d69e2e',
  firing: '#e53e3e',
  recovering: '#4a90c2',
  no_data: '#8895a7',
  error: '#8854d0',
}

export const STATE_LABELS: Record<AlertState, string> = {
  normal: 'Normal',
  pending: 'Pending',
  firing: 'Firing',
  recovering: 'Recovering',
  no_data: 'No data',
  error: 'Error',
}

export interface Band {
  state: AlertState
  start: number
  end: number
}

export interface InstanceRow {
  fingerprint: string
  labels: Record<string, string>
  bands: Band[]
  /** Transitions into firing inside the range. */
  firings: number
}

/**
 * One row per instance with the state bands that cover [fromMs, toMs]: before an instance's first transition it was in
 * that transition's `from` state; after its last one it stays in the `to` state up to the end. Transitions may come in
 * any order (the history answers newest first); those outside the range only set the state the range starts in.
 */
export function instanceRows(transitions: PreviewTransition[], fromMs: number, toMs: number): InstanceRow[] {
  const byInstance = new Map<string, PreviewTransition[]>()
  for (const t of transitions) {
    if (!Number.isFinite(toMillis(t.at))) continue
    const list = byInstance.get(t.fingerprint) ?? []
    list.push(t)
    byInstance.set(t.fingerprint, list)
  }
  const rows: InstanceRow[] = []
  for (const [fingerprint, list] of byInstance) {
    list.sort((a, b) => toMillis(a.at) - toMillis(b.at))
    const before = list.filter((t) => toMillis(t.at) <= fromMs)
    const inside = list.filter((t) => toMillis(t.at) > fromMs && toMillis(t.at) < toMs)
    let state: AlertState = before.length ? before[before.length - 1].to : inside.length ? inside[0].from : list[0].from
    let start = fromMs
    const bands: Band[] = []
    for (const t of inside) {
      const at = toMillis(t.at)
      if (at > start) bands.push({ state, start, end: at })
      state = t.to
      start = at
    }
    if (toMs > start) bands.push({ state, start, end: toMs })
    const labels = [...list].reverse().find((t) => t.labels && Object.keys(t.labels).length)?.labels ?? {}
    rows.push({ fingerprint, labels, bands: merge(bands), firings: inside.filter((t) => t.to === 'firing').length })
  }
  return rows.sort((a, b) => b.firings - a.firings || labelText(a.labels).localeCompare(labelText(b.labels)))
}

/** Neighbouring bands of the same state are one. */
function merge(bands: Band[]): Band[] {
  const out: Band[] = []
  for (const band of bands) {
    const last = out[out.length - 1]
    if (last && last.state === band.state && last.end === band.start) last.end = band.end
    else out.push({ ...band })
  }
  return out
}

/** `host.name=web-1, team=payments`, or the fingerprint when an instance has no labels. */
export function labelText(labels: Record<string, string> | undefined, fallback = ''): string {
  const entries = Object.entries(labels ?? {})
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : fallback
}

/** The periods of one state (e.g. firing) across every instance, for shading a chart. */
export function periodsOf(rows: InstanceRow[], state: AlertState): { start: number; end: number; labels: Record<string, string> }[] {
  return rows.flatMap((row) => row.bands.filter((b) => b.state === state).map((b) => ({ start: b.start, end: b.end, labels: row.labels })))
}

/** The timeline chart: a row per instance (named by its labels, else `unlabelled`), a coloured rectangle per band. */
export function timelineOption(rows: InstanceRow[], range: { fromMs: number; toMs: number }, unlabelled = ''): Record<string, unknown> {
  const names = rows.map((r) => labelText(r.labels, unlabelled || r.fingerprint))
  const data = rows.flatMap((row, index) =>
    row.bands.map((band) => ({
      value: [index, band.start, band.end, band.state],
      itemStyle: { color: STATE_COLOURS[band.state] },
      name: `${STATE_LABELS[band.state]} · ${names[index]}`,
    })),
  )
  return {
    animation: false,
    grid: { left: 12, right: 16, top: 8, bottom: 28, containLabel: true },
    // canvas tooltips: the console's CSP refuses the style attributes an HTML tooltip would carry
    tooltip: {
      renderMode: 'richText',
      confine: true,
      formatter: (p: { name: string; value: [number, number, number, AlertState] }) =>
        `${p.name}\n${new Date(p.value[1]).toLocaleString()} → ${new Date(p.value[2]).toLocaleString()}`,
    },
    xAxis: { type: 'time', min: range.fromMs, max: range.toMs },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      axisLabel: { width: 220, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'custom',
        encode: { x: [1, 2], y: 0 },
        renderItem: (
          _params: unknown,
          api: { value: (i: number) => number; coord: (p: [number, number]) => [number, number]; size: (p: [number, number]) => [number, number]; style: () => object },
        ) => {
          const start = api.coord([api.value(1), api.value(0)])
          const end = api.coord([api.value(2), api.value(0)])
          const height = api.size([0, 1])[1] * 0.6
          return {
            type: 'rect',
            shape: { x: start[0], y: start[1] - height / 2, width: Math.max(1, end[0] - start[0]), height },
            style: api.style(),
          }
        },
        data,
      },
    ],
  }
}
