// Time ranges as the read API takes them: `now`, `now-<n><s|m|h|d>`, ISO-8601 instants or epoch milliseconds.

export interface TimeRange {
  from: string
  to: string
}

export const PRESETS: { label: string; from: string }[] = [
  { label: 'Last 5 minutes', from: 'now-5m' },
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last 1 hour', from: 'now-1h' },
  { label: 'Last 6 hours', from: 'now-6h' },
  { label: 'Last 24 hours', from: 'now-24h' },
  { label: 'Last 7 days', from: 'now-7d' },
]

export const REFRESH_CHOICES = [0, 10, 30, 60, 300]

export const DEFAULT_RANGE: TimeRange = { from: 'now-1h', to: 'now' }

const RELATIVE = /^now(?:-(\d+)([smhd]))?$/
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** One end of a range as epoch milliseconds; NaN when it is not a time the API takes. */
export function resolveTime(value: string, now: number): number {
  const relative = RELATIVE.exec(value.trim())
  if (relative) {
    return relative[1] ? now - Number(relative[1]) * UNIT_MS[relative[2]] : now
  }
  if (/^\d+$/.test(value)) return Number(value)
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? NaN : parsed
}

export function resolveRange(range: TimeRange, now: number): { fromMs: number; toMs: number } {
  return { fromMs: resolveTime(range.from, now), toMs: resolveTime(range.to, now) }
}

export function isValidRange(range: TimeRange, now: number): boolean {
  const { fromMs, toMs } = resolveRange(range, now)
  return Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs
}

export function isRelative(range: TimeRange): boolean {
  return RELATIVE.test(range.from) && RELATIVE.test(range.to)
}

export function describeRange(range: TimeRange): string {
  if (range.to === 'now') {
    const preset = PRESETS.find((p) => p.from === range.from)
    if (preset) return preset.label
  }
  if (isRelative(range)) return `${range.from} → ${range.to}`
  const format = (value: string) => {
    const ms = resolveTime(value, Date.now())
    return Number.isFinite(ms) ? new Date(ms).toLocaleString() : value
  }
  return `${format(range.from)} → ${format(range.to)}`
}

/** A chart step (seconds) that gives about `points` points over the range, rounded to a readable unit. */
export function stepFor(fromMs: number, toMs: number, points = 60): number {
  const raw = Math.max(1, (toMs - fromMs) / 1000 / points)
  const steps = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
  return steps.find((s) => s >= raw) ?? 86400
}
