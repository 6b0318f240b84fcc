// RED answers (rate, errors, duration) turned into what the service pages draw and sort.
import type { Point, RedItem } from './traceTypes'

/**
 * Error rate per step (0..1) from the per-step request rate and error count. Steps without requests are left out, or
 * read as 0 with `fillEmpty` (a sparkline spans its points, so gaps would shift it against the rate's).
 */
export function errorRateSeries(rate: Point[], errors: Point[], stepSeconds: number, fillEmpty = false): Point[] {
  const errorsAt = new Map(errors.map(([t, v]) => [t, v]))
  const out: Point[] = []
  for (const [t, perSecond] of rate) {
    const requests = perSecond * stepSeconds
    if (requests > 0) out.push([t, Math.min(1, (errorsAt.get(t) ?? 0) / requests)])
    else if (fillEmpty) out.push([t, 0])
  }
  return out
}

export type RedSortKey = 'name' | 'rate' | 'errorRate' | 'p95'

/** `sort` as kept in the URL: a key, `-` in front for descending (the default is busiest first). */
export function parseSort(text: string): { key: RedSortKey; desc: boolean } {
  const desc = text.startsWith('-')
  const key = (desc ? text.slice(1) : text) as RedSortKey
  return ['name', 'rate', 'errorRate', 'p95'].includes(key) ? { key, desc } : { key: 'rate', desc: true }
}

export function sortRed(items: RedItem[], key: RedSortKey, desc: boolean, label: (item: RedItem) => string): RedItem[] {
  const value = (item: RedItem): number | string =>
    key === 'name' ? label(item).toLowerCase() : key === 'rate' ? item.rate : key === 'errorRate' ? item.errorRate : item.durationNanos.p95
  const sign = desc ? -1 : 1
  return [...items].sort((a, b) => {
    const x = value(a), y = value(b)
    const order = x < y ? -1 : x > y ? 1 : 0
    return order * sign || label(a).localeCompare(label(b))
  })
}

/** Drops the points of a step that had not ended by `toMs` (the current, partial step would read as a sudden drop). */
export function completeSteps(points: Point[], stepSeconds: number, toMs: number): Point[] {
  const stepMs = stepSeconds * 1000
  let end = points.length
  while (end > 0 && points[end - 1][0] + stepMs > toMs) end--
  return end === points.length ? points : points.slice(0, end)
}
