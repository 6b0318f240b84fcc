// Small words and orders of the alerting pages: severities, how long an alert has been in its state, templates by
// category.

import { describeDuration } from './alertRule'
import { SEVERITIES, toMillis, type AlertInstance, type AlertSeverity, type Instant, type RuleTemplate } from './alertTypes'

export const CATEGORY_LABELS: Record<string, string> = {
  host: 'Hosts',
  kubernetes: 'Kubernetes',
  database: 'Databases',
  cache: 'Caches',
  load_balancer: 'Load balancers',
}

/** Most severe first, then the longest in its state first. */
export function sortInstances(instances: AlertInstance[]): AlertInstance[] {
  const rank = (s: AlertSeverity) => (SEVERITIES as readonly string[]).indexOf(s)
  const stateRank = (i: AlertInstance) => (i.state === 'firing' ? 0 : i.state === 'pending' ? 1 : 2)
  return [...instances].sort(
    (a, b) => stateRank(a) - stateRank(b) || rank(a.severity) - rank(b.severity) || since(a) - since(b),
  )
}

function since(instance: AlertInstance): number {
  const at = toMillis(instance.stateSince ?? instance.firingSince ?? instance.pendingSince)
  return Number.isFinite(at) ? at : Infinity
}

/** `12 min` since an instant, for "firing for 12 min"; under a second is "just now". */
export function age(at: Instant | null | undefined, now: number): string {
  const ms = toMillis(at)
  if (!Number.isFinite(ms)) return '—'
  const seconds = (now - ms) / 1000
  return seconds < 1 ? 'just now' : describeDuration(seconds)
}

/** Templates grouped by category, in the order of CATEGORY_LABELS (unknown categories after, by name). */
export function templatesByCategory(templates: RuleTemplate[]): { category: string; label: string; templates: RuleTemplate[] }[] {
  const known = Object.keys(CATEGORY_LABELS)
  const categories = [...new Set(templates.map((t) => t.category))].sort((a, b) => {
    const ia = known.indexOf(a)
    const ib = known.indexOf(b)
    return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || a.localeCompare(b)
  })
  return categories.map((category) => ({
    category,
    label: CATEGORY_LABELS[category] ?? category,
    templates: templates.filter((t) => t.category === category).sort((a, b) => a.title.localeCompare(b.title)),
  }))
}

/** A number as the alert pages show it: compact, or — when there is none. */
export function formatAlertValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < 0.001 || abs >= 1e9)) return value.toExponential(2)
  return String(+value.toPrecision(4))
}
