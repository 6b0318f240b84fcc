// Silence matchers with Alertmanager's semantics, as the server's LabelMatcher applies them: `name="value"`, `!=`,
// `=~` (a regular expression that must match the whole value) and `!~`; a label the alert does not have has the empty
// value. The silence form previews which of the current alerts a silence would match.

import type { AlertInstance, Matcher } from './alertTypes'

const OPERATORS: Matcher['op'][] = ['=~', '!~', '!=', '=']
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/** A regular expression as the server reads it: anchored at both ends. Null when it does not compile. */
export function anchored(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`)
  } catch {
    return null
  }
}

/** One matcher from text such as `severity="critical"`, `team=~pay.*` (quotes optional); an error says why not. */
export function parseMatcher(text: string): { matcher?: Matcher; error?: string } {
  const trimmed = text.trim()
  if (!trimmed) return { error: 'Write a matcher such as severity="critical".' }
  let found: { at: number; op: Matcher['op'] } | null = null
  for (const op of OPERATORS) {
    const at = trimmed.indexOf(op)
    if (at > 0 && (!found || at < found.at)) found = { at, op }
  }
  if (!found) return { error: `“${trimmed}” has no operator: use =, !=, =~ or !~.` }
  const name = trimmed.slice(0, found.at).trim()
  let value = trimmed.slice(found.at + found.op.length).trim()
  if (!NAME.test(name)) return { error: `“${name}” is not a label name (letters, digits, _ . and -).` }
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/\\"/g, '"')
  if ((found.op === '=~' || found.op === '!~') && !anchored(value)) return { error: `“${value}” is not a valid regular expression.` }
  return { matcher: { name, op: found.op, value } }
}

/** Matchers from text: separated by commas or new lines, optionally in braces (`{a="1", b=~"x.*"}`). */
export function parseMatchers(text: string): { matchers: Matcher[]; errors: string[] } {
  const body = text.trim().replace(/^\{/, '').replace(/\}$/, '')
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '"' && body[i - 1] !== '\\') quoted = !quoted
    if (!quoted && (c === ',' || c === '\n')) {
      parts.push(current)
      current = ''
    } else {
      current += c
    }
  }
  parts.push(current)
  const matchers: Matcher[] = []
  const errors: string[] = []
  for (const part of parts.filter((p) => p.trim())) {
    const { matcher, error } = parseMatcher(part)
    if (matcher) matchers.push(matcher)
    else if (error) errors.push(error)
  }
  return { matchers, errors }
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}"${m.value.replace(/"/g, '\\"')}"`
}

export function matches(matcher: Matcher, labels: Record<string, string>): boolean {
  const value = labels[matcher.name] ?? ''
  switch (matcher.op) {
    case '=':
      return value === matcher.value
    case '!=':
      return value !== matcher.value
    case '=~':
      return anchored(matcher.value)?.test(value) ?? false
    case '!~':
      return !(anchored(matcher.value)?.test(value) ?? true)
  }
}

/** Every matcher must match (a silence without matchers matches nothing, as the server refuses it). */
export function matchesAll(matchers: Matcher[], labels: Record<string, string>): boolean {
  return matchers.length > 0 && matchers.every((m) => matches(m, labels))
}

/** Matchers that an alert without labels satisfies would silence everything: the server refuses them. */
export function matchesEverything(matchers: Matcher[]): boolean {
  return matchesAll(matchers, {})
}

/**
 * The labels a silence sees on an instance, as the server builds them: the series' labels, the rule's labels over
 * them, then `alertname` (the rule's name) and `severity`.
 */
export function silenceLabels(instance: AlertInstance, ruleLabels: Record<string, string> = {}): Record<string, string> {
  return { ...instance.labels, ...ruleLabels, alertname: instance.ruleName, severity: instance.severity }
}

/** The instances the matchers select; `ruleLabels` by rule id. */
export function matchingInstances(matchers: Matcher[], instances: AlertInstance[], ruleLabels: Record<string, Record<string, string>> = {}): AlertInstance[] {
  return instances.filter((i) => matchesAll(matchers, silenceLabels(i, ruleLabels[i.ruleId])))
}

/** The ISO end of a silence that lasts `duration` (e.g. `2h`) from `start`. */
export function silenceEnd(startMs: number, durationSeconds: number): string {
  return new Date(startMs + durationSeconds * 1000).toISOString()
}
