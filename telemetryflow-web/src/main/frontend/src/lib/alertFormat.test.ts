import { describe, expect, it } from 'vitest'
import { age, formatAlertValue, sortInstances, templatesByCategory } from './alertFormat'
import type { AlertInstance, RuleTemplate } from './alertTypes'

describe('alert list helpers', () => {
  it('puts firing before pending, then the most severe, then the oldest', () => {
    const i = (fingerprint: string, state: string, severity: string, stateSince: string) => ({ fingerprint, state, severity, stateSince }) as unknown as AlertInstance
    const sorted = sortInstances([
      i('p-crit', 'pending', 'critical', '2026-01-01T00:00:00Z'),
      i('f-low', 'firing', 'low', '2026-01-01T00:00:00Z'),
      i('f-crit-new', 'firing', 'critical', '2026-01-01T02:00:00Z'),
      i('f-crit-old', 'firing', 'critical', '2026-01-01T01:00:00Z'),
    ])
    expect(sorted.map((x) => x.fingerprint)).toEqual(['f-crit-old', 'f-crit-new', 'f-low', 'p-crit'])
  })

  it('groups templates by category in a fixed order', () => {
    const t = (id: string, category: string, title: string) => ({ id, category, title }) as RuleTemplate
    const groups = templatesByCategory([t('1', 'cache', 'B'), t('2', 'host', 'Z'), t('3', 'host', 'A'), t('4', 'queue', 'Q')])
    expect(groups.map((g) => [g.label, g.templates.map((x) => x.title)])).toEqual([['Hosts', ['A', 'Z']], ['Caches', ['B']], ['queue', ['Q']]])
  })

  it('words ages and values', () => {
    expect(age('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:12:30Z'))).toBe('12 min 30 s')
    expect(age(null, 0)).toBe('—')
    expect(age(1000, 1500)).toBe('just now')
    expect(formatAlertValue(0.912345)).toBe('0.9123')
    expect(formatAlertValue(null)).toBe('—')
    expect(formatAlertValue(1e-5)).toBe('1.00e-5')
  })
})
