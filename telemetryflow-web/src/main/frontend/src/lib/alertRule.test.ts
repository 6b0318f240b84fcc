import { describe, expect, it } from 'vitest'
import {
  describeCondition,
  describeDuration,
  describeQuery,
  emptyForm,
  fieldOf,
  formProblems,
  formToSpec,
  parseDuration,
  saveProblems,
  specToForm,
  storedToSpec,
  type RuleForm,
} from './alertRule'
import type { RuleSpec } from './alertTypes'

const cpu: RuleSpec = {
  name: 'High CPU',
  kind: 'metric',
  query: { metric: 'system.cpu.utilization', aggregation: 'avg', service: 'web', filters: [{ key: 'host.name', op: 'eq', value: 'web-1' }], groupBy: ['host.name'] },
  condition: { operator: 'gt', threshold: 0.9, recoveryThreshold: 0.8, reduce: 'avg', window: '5m', pendingFor: '2m', keepFiringFor: '0s', minDataPoints: 1 },
  interval: '1m',
  evaluationDelay: '30s',
  noData: 'no_data',
  onError: 'error',
  resolveMissingAfter: 2,
  labels: { team: 'payments' },
  annotations: { summary: 'CPU above 90 %', description: 'd', runbookUrl: 'https://runbooks.example.com/cpu', dashboard: 'x' },
  severity: 'high',
  enabled: true,
}

function form(change: Partial<RuleForm>): RuleForm {
  return { ...emptyForm(), name: 'r', metric: 'm', threshold: '1', ...change }
}

describe('durations', () => {
  it('reads what the server reads: one number with a unit, or bare seconds', () => {
    expect(parseDuration('30s')).toBe(30)
    expect(parseDuration('5m')).toBe(300)
    expect(parseDuration('1.5m')).toBe(90)
    expect(parseDuration('1.5h')).toBe(5400)
    expect(parseDuration('300')).toBe(300)
    expect(parseDuration('500ms')).toBe(0.5)
    expect(parseDuration(' 0s ')).toBe(0)
    for (const bad of ['', 'm5', '-5m', '1h30m', '2d', '1.5', 'PT5M']) expect(parseDuration(bad)).toBeNaN()
  })

  it('words a duration for people', () => {
    expect(describeDuration(5400)).toBe('1 h 30 min')
    expect(describeDuration(0.25)).toBe('250 ms')
  })
})

describe('rule form and JSON', () => {
  it('turns a stored metric rule into the form and back unchanged', () => {
    const back = formToSpec(specToForm(cpu))
    expect(back).toEqual(cpu)
  })

  it('builds each kind with only its own query fields', () => {
    const logs = formToSpec(form({ kind: 'logs', logQuery: ' timeout ', logSeverity: 'ERROR', service: 'checkout', logGroupBy: 'service.name', metric: 'ignored' }))
    expect(logs.query).toEqual({ query: 'timeout', severity: 'ERROR', service: 'checkout', groupBy: 'service.name' })

    const traces = formToSpec(form({ kind: 'traces', service: 'checkout', operation: 'GET /cart', measure: 'p95' }))
    expect(traces.query).toEqual({ service: 'checkout', operation: 'GET /cart', measure: 'p95' })

    const absence = formToSpec(form({ kind: 'absence', signal: 'metric', metric: 'heartbeat', threshold: '5', recoveryThreshold: '4' }))
    expect(absence.query).toEqual({ signal: 'metric', metric: 'heartbeat', aggregation: 'avg' })
    // the server refuses a threshold, operator or reduce on an absence rule
    expect(absence.condition).toEqual({ window: '5m', pendingFor: '2m', keepFiringFor: '0s', minDataPoints: 1 })
    expect(formProblems(form({ kind: 'absence', metric: 'heartbeat', threshold: '' }))).toEqual({})
    expect(specToForm(absence).signal).toBe('metric')

    const absentLogs = formToSpec(form({ kind: 'absence', signal: 'logs', logQuery: 'heartbeat' }))
    expect(absentLogs.query).toEqual({ signal: 'logs', query: 'heartbeat' })
    expect(specToForm(absentLogs)).toMatchObject({ kind: 'absence', signal: 'logs', logQuery: 'heartbeat' })
  })

  it('leaves out an empty recovery threshold and empty label keys, keeps other annotations', () => {
    const spec = formToSpec(form({ recoveryThreshold: ' ', labels: [{ key: 'team', value: 'a' }, { key: ' ', value: 'lost' }], otherAnnotations: [{ key: 'dashboard', value: 'd1' }], summary: 'S' }))
    expect(spec.condition).not.toHaveProperty('recoveryThreshold')
    expect(spec.labels).toEqual({ team: 'a' })
    expect(spec.annotations).toEqual({ dashboard: 'd1', summary: 'S' })
  })
})

describe('checks before the server', () => {
  it('accepts a complete rule', () => {
    expect(saveProblems(specToForm(cpu))).toEqual({})
  })

  it('names the JSON path of each problem, as the server does', () => {
    const problems = saveProblems(form({ name: ' ', metric: '', threshold: 'abc', window: '5 minutes', interval: '0s', pendingFor: '1.5s', minDataPoints: '0', runbookUrl: 'ftp://x' }))
    expect(Object.keys(problems).sort()).toEqual([
      'annotations.runbookUrl', 'condition.minDataPoints', 'condition.pendingFor', 'condition.threshold', 'condition.window', 'interval', 'name', 'query.metric',
    ])
    expect(problems['condition.pendingFor']).toMatch(/whole/)
  })

  it('wants the recovery threshold on the resolving side of the threshold', () => {
    expect(formProblems(form({ operator: 'gt', threshold: '90', recoveryThreshold: '95' }))['condition.recoveryThreshold']).toMatch(/below/)
    expect(formProblems(form({ operator: 'gt', threshold: '90', recoveryThreshold: '80' }))).toEqual({})
    expect(formProblems(form({ operator: 'lt', threshold: '10', recoveryThreshold: '5' }))['condition.recoveryThreshold']).toMatch(/above/)
    expect(formProblems(form({ operator: 'eq', threshold: '1', recoveryThreshold: '1' }))['condition.recoveryThreshold']).toMatch(/Only/)
  })

  it('checks a logs query with the logs explorer’s parser', () => {
    expect(formProblems(form({ kind: 'logs', logQuery: '"unclosed' }))['query.query']).toMatch(/quote/)
    expect(formProblems(form({ kind: 'traces', service: '' }))['query.service']).toBeTruthy()
  })

  it('maps a server field to the input that shows it', () => {
    expect(fieldOf('condition.threshold')).toBe('condition.threshold')
    expect(fieldOf('query.filters[2].value')).toBe('query.filters')
    expect(fieldOf('labels.team')).toBe('labels')
    expect(fieldOf('annotations.runbookUrl')).toBe('annotations.runbookUrl')
    expect(fieldOf('annotations.other')).toBe('annotations')
    expect(fieldOf(undefined)).toBe('')
  })
})

describe('descriptions', () => {
  it('says what a rule watches and when it fires', () => {
    expect(describeQuery(cpu)).toBe('avg(system.cpu.utilization) of web')
    expect(describeCondition(cpu)).toBe('avg over 5m > 0.9 for 2m')
    expect(describeCondition({ kind: 'absence', condition: { ...cpu.condition, window: '10m' } })).toBe('no data for 10m')
    expect(describeQuery({ kind: 'traces', query: { service: 'checkout', measure: 'error_rate' } })).toBe('error rate of checkout')
    expect(describeQuery({ kind: 'logs', query: { query: 'timeout', severity: 'ERROR' } })).toBe('count of logs “timeout” ≥ ERROR')
  })
})

describe('update body', () => {
  it('sends the spec and the version read, not what the server adds', () => {
    const stored = { ...cpu, id: 'r1', tenantId: 't1', version: 4, createdAt: 'x', createdBy: 'u', updatedAt: null, instances: { firing: 2 }, evaluation: { evaluations: 3 } }
    expect(storedToSpec(stored)).toEqual({ ...cpu, tenantId: 't1', version: 4 })
  })
})
