import { describe, expect, it } from 'vitest'
import { formatMatcher, matches, matchesAll, matchesEverything, matchingInstances, parseMatcher, parseMatchers, silenceEnd } from './alertMatchers'
import type { AlertInstance } from './alertTypes'

const instance = (ruleName: string, labels: Record<string, string>, severity = 'high'): AlertInstance =>
  ({ ruleId: 'r', ruleName, fingerprint: ruleName, labels, state: 'firing', severity }) as AlertInstance

describe('matchers', () => {
  it('parses each operator, with or without quotes', () => {
    expect(parseMatcher('severity="critical"').matcher).toEqual({ name: 'severity', op: '=', value: 'critical' })
    expect(parseMatcher('team=~pay.*').matcher).toEqual({ name: 'team', op: '=~', value: 'pay.*' })
    expect(parseMatcher(' host != "web-1" ').matcher).toEqual({ name: 'host', op: '!=', value: 'web-1' })
    expect(parseMatcher('env!~"prod|staging"').matcher).toEqual({ name: 'env', op: '!~', value: 'prod|staging' })
    expect(parseMatcher('k8s.pod.name="a=b"').matcher).toEqual({ name: 'k8s.pod.name', op: '=', value: 'a=b' })
    expect(parseMatcher('http-route="/cart"').matcher).toEqual({ name: 'http-route', op: '=', value: '/cart' })
  })

  it('says what is wrong with a matcher', () => {
    expect(parseMatcher('severity').error).toMatch(/no operator/)
    expect(parseMatcher('="x"').error).toMatch(/no operator/)
    expect(parseMatcher('my label="x"').error).toMatch(/not a label name/)
    expect(parseMatcher('a=~"(unclosed"').error).toMatch(/regular expression/)
  })

  it('splits a list on commas and lines, not inside quotes, braces optional', () => {
    const { matchers, errors } = parseMatchers('{alertname="High CPU", msg="a, b"\nteam=~"pay.*"}')
    expect(errors).toEqual([])
    expect(matchers.map(formatMatcher)).toEqual(['alertname="High CPU"', 'msg="a, b"', 'team=~"pay.*"'])
    expect(parseMatchers('a="1", bad').errors).toHaveLength(1)
  })

  it('matches as Alertmanager does: whole-value regexes, a missing label is empty', () => {
    const labels = { team: 'payments', host: 'web-1' }
    expect(matches({ name: 'team', op: '=~', value: 'pay' }, labels)).toBe(false)
    expect(matches({ name: 'team', op: '=~', value: 'pay.*' }, labels)).toBe(true)
    expect(matches({ name: 'team', op: '!~', value: 'pay.*' }, labels)).toBe(false)
    expect(matches({ name: 'zone', op: '=', value: '' }, labels)).toBe(true)
    expect(matches({ name: 'zone', op: '!=', value: 'eu' }, labels)).toBe(true)
    expect(matchesAll([], labels)).toBe(false)
  })

  it('knows matchers that would silence every alert', () => {
    expect(matchesEverything([{ name: 'team', op: '!=', value: 'payments' }])).toBe(true)
    expect(matchesEverything([{ name: 'team', op: '=~', value: '.*' }])).toBe(true)
    expect(matchesEverything([{ name: 'team', op: '!=', value: 'payments' }, { name: 'env', op: '=', value: 'prod' }])).toBe(false)
  })

  it('previews the current alerts a silence would match, by rule name, severity and labels', () => {
    const alerts = [instance('High CPU', { host: 'web-1' }), instance('High CPU', { host: 'web-2' }, 'critical'), instance('Disk full', { host: 'web-1' })]
    expect(matchingInstances([{ name: 'alertname', op: '=', value: 'High CPU' }], alerts)).toHaveLength(2)
    expect(matchingInstances([{ name: 'severity', op: '=', value: 'critical' }], alerts).map((a) => a.labels.host)).toEqual(['web-2'])
    expect(matchingInstances([{ name: 'host', op: '=', value: 'web-1' }, { name: 'alertname', op: '!=', value: 'Disk full' }], alerts)).toHaveLength(1)
  })

  it('sees the rule’s labels over the series’, and the rule’s name and severity over both', () => {
    const alert = instance('High CPU', { team: 'series', alertname: 'spoofed' })
    const rules = { r: { team: 'payments' } }
    expect(matchingInstances([{ name: 'team', op: '=', value: 'payments' }], [alert], rules)).toHaveLength(1)
    expect(matchingInstances([{ name: 'team', op: '=', value: 'series' }], [alert], rules)).toHaveLength(0)
    expect(matchingInstances([{ name: 'alertname', op: '=', value: 'spoofed' }], [alert], rules)).toHaveLength(0)
  })
})

describe('silence times', () => {
  it('ends a silence its length after its start', () => {
    expect(silenceEnd(Date.parse('2026-01-01T12:00:00Z'), 7200)).toBe('2026-01-01T14:00:00.000Z')
  })
})
