import { describe, expect, it } from 'vitest'
import {
  buildTenancyTree, childLevel, filterTenancyTree, expiryFromDays, formatTime, groupPermissions, isUuid, pageLabel, parseOffset, personName,
  auditActor, formatDate, metadataPairs, recoveryCodesText, statusActions, userSearch,
} from './adminFormat'

describe('expiryFromDays', () => {
  const now = Date.parse('2026-12-06T10:00:00Z')
  it('is days from now as an ISO instant', () => {
    expect(expiryFromDays('30', now)).toBe('2027-01-05T10:00:00.000Z')
  })
  it('is absent for a key that never expires', () => {
    expect(expiryFromDays('', now)).toBeUndefined()
    expect(expiryFromDays('0', now)).toBeUndefined()
  })
  it('refuses what the form never offers', () => {
    expect(() => expiryFromDays('-3', now)).toThrow()
    expect(() => expiryFromDays('1.5', now)).toThrow()
    expect(() => expiryFromDays('soon', now)).toThrow()
  })
})

describe('paging', () => {
  it('labels the window with and without a total', () => {
    expect(pageLabel(0, 50, 120)).toBe('1–50 of 120')
    expect(pageLabel(100, 20, 120)).toBe('101–120 of 120')
    expect(pageLabel(50, 50)).toBe('51–100')
    expect(pageLabel(0, 0)).toBe('none')
    expect(pageLabel(200, 0, 120)).toBe('0 of 120')
  })
  it('reads an offset from the URL, falling back to the first page', () => {
    expect(parseOffset('100', 50)).toBe(100)
    expect(parseOffset('120', 50)).toBe(100)
    expect(parseOffset('', 50)).toBe(0)
    expect(parseOffset('-50', 50)).toBe(0)
    expect(parseOffset('abc', 50)).toBe(0)
    expect(parseOffset('1e3', 50)).toBe(1000)
  })
})

describe('labels', () => {
  it('names a person by name, else email, else id', () => {
    expect(personName({ firstName: 'Ada', lastName: 'Lovelace', email: 'a@x' })).toBe('Ada Lovelace')
    expect(personName({ firstName: '', lastName: null, email: 'a@x' })).toBe('a@x')
    expect(personName({ firstName: ' ', email: '', id: 'u1' })).toBe('u1')
  })
  it('formats times and marks absent ones', () => {
    expect(formatTime(null)).toBe('—')
    expect(formatTime('not a time')).toBe('not a time')
    expect(formatTime('2026-12-06T10:05:00Z')).toMatch(/^2026-12-0[67] \d\d:\d5$/)
    expect(formatDate('2026-12-06T12:00:00Z')).toBe('2026-12-06')
    expect(formatDate(undefined)).toBe('—')
  })
  it('checks UUIDs', () => {
    expect(isUuid('0b9f5c3e-1d2a-4c3b-9e8f-7a6b5c4d3e2f')).toBe(true)
    expect(isUuid(' 0B9F5C3E-1D2A-4C3B-9E8F-7A6B5C4D3E2F ')).toBe(true)
    expect(isUuid('0b9f5c3e-1d2a-4c3b-9e8f')).toBe(false)
    expect(isUuid('admin@telemetryflow.id')).toBe(false)
  })
  it('joins recovery codes one a line', () => {
    expect(recoveryCodesText(['a-1', 'b-2'])).toBe('a-1\nb-2')
  })
})

describe('groupPermissions', () => {
  it('groups by resource in name order', () => {
    const groups = groupPermissions([
      { name: 'users:read', resource: 'users', action: 'read' },
      { name: 'api-keys:rotate', resource: 'api-keys', action: 'rotate' },
      { name: 'users:create', resource: 'users', action: 'create' },
      { name: 'api-keys:create', resource: 'api-keys', action: 'create' },
    ])
    expect(groups).toEqual([
      { resource: 'api-keys', names: ['api-keys:create', 'api-keys:rotate'] },
      { resource: 'users', names: ['users:create', 'users:read'] },
    ])
  })
})

describe('buildTenancyTree', () => {
  const node = (id: string, name: string, parentId: string | null) => ({ id, name, slug: name.toLowerCase(), active: true, parentId, createdAt: '' })
  const tenant = (id: string, name: string, workspaceId: string) => ({
    id, name, slug: name.toLowerCase(), active: true, workspaceId, organizationId: 'o1', createdAt: '',
  })

  it('nests tenants in workspaces in organizations in regions, sorted by name', () => {
    const tree = buildTenancyTree({
      regions: [node('r1', 'EU', null)],
      organizations: [node('o1', 'Acme', 'r1')],
      workspaces: [node('w2', 'Staging', 'o1'), node('w1', 'Production', 'o1')],
      tenants: [tenant('t2', 'Web', 'w1'), tenant('t1', 'Api', 'w1'), tenant('t3', 'Qa', 'w2')],
    })
    expect(tree).toHaveLength(1)
    expect(tree[0].level).toBe('region')
    const org = tree[0].children[0]
    expect(org.name).toBe('Acme')
    expect(org.children.map((w) => w.name)).toEqual(['Production', 'Staging'])
    expect(org.children[0].children.map((t) => t.name)).toEqual(['Api', 'Web'])
    expect(org.children[1].children.map((t) => [t.level, t.name])).toEqual([['tenant', 'Qa']])
  })

  it('keeps nodes whose parent the caller cannot read as roots, higher levels first', () => {
    const tree = buildTenancyTree({
      organizations: [node('o1', 'Acme', 'r-unreadable')],
      workspaces: [node('w1', 'Production', 'o1'), node('w9', 'Elsewhere', 'o-other')],
      tenants: [tenant('t9', 'Lonely', 'w-other')],
    })
    expect(tree.map((n) => [n.level, n.name])).toEqual([
      ['organization', 'Acme'],
      ['workspace', 'Elsewhere'],
      ['tenant', 'Lonely'],
    ])
    expect(tree[0].children.map((w) => w.name)).toEqual(['Production'])
  })

  it('narrows to matches, keeping their ancestors and everything inside a match', () => {
    const tree = buildTenancyTree({
      organizations: [node('o1', 'Acme', null)],
      workspaces: [node('w1', 'Production', 'o1'), node('w2', 'Staging', 'o1')],
      tenants: [tenant('t1', 'Checkout', 'w1'), tenant('t2', 'Search', 'w1'), tenant('t3', 'Qa', 'w2')],
    })
    const found = filterTenancyTree(tree, 'CHECK')
    expect(found.map((o) => o.name)).toEqual(['Acme'])
    expect(found[0].children.map((w) => w.name)).toEqual(['Production'])
    expect(found[0].children[0].children.map((t) => t.name)).toEqual(['Checkout'])
    expect(filterTenancyTree(tree, 'staging')[0].children[0].children.map((t) => t.name)).toEqual(['Qa'])
    expect(filterTenancyTree(tree, 'nothing')).toEqual([])
    expect(filterTenancyTree(tree, ' ')).toBe(tree)
  })

  it('names the level below', () => {
    expect(childLevel('region')).toBe('organization')
    expect(childLevel('workspace')).toBe('tenant')
    expect(childLevel('tenant')).toBeNull()
  })
})

describe('users', () => {
  it('searches emails when the text has an @, else names', () => {
    expect(userSearch(' ada@example.com ')).toEqual({ email: 'ada@example.com' })
    expect(userSearch('Ada')).toEqual({ name: 'Ada' })
    expect(userSearch('  ')).toEqual({})
  })
  it('offers only the lifecycle steps the status allows', () => {
    expect(statusActions('CREATED')).toEqual({ activate: true, deactivate: true })
    expect(statusActions('ACTIVE')).toEqual({ activate: false, deactivate: true })
    expect(statusActions('INACTIVE')).toEqual({ activate: true, deactivate: false })
    expect(statusActions('DELETED')).toEqual({ activate: false, deactivate: false })
  })
})

describe('audit', () => {
  it('reads the actor filter as a user id, an email to look up, or nothing the API takes', () => {
    expect(auditActor('')).toEqual({})
    expect(auditActor('0B9F5C3E-1D2A-4C3B-9E8F-7A6B5C4D3E2F')).toEqual({ userId: '0b9f5c3e-1d2a-4c3b-9e8f-7a6b5c4d3e2f' })
    expect(auditActor(' ada@example.com ')).toEqual({ email: 'ada@example.com' })
    expect(auditActor('ada')).toEqual({ invalid: true })
  })
  it('sorts metadata pairs and tolerates none', () => {
    expect(metadataPairs({ name: 'k', keyId: 'tfk_1' })).toEqual([['keyId', 'tfk_1'], ['name', 'k']])
    expect(metadataPairs(null)).toEqual([])
  })
})
