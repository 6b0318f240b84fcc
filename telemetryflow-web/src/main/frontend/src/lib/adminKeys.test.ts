import { describe, expect, it } from 'vitest'
import { heldPermissions, keyPermissionChoices } from './adminKeys'

describe('heldPermissions', () => {
  it('unites organization-wide and scoped permissions, sorted, once each', () => {
    const held = heldPermissions({
      permissions: ['traces:read', 'api-keys:create'],
      scopedGrants: [
        { workspaceId: 'w', tenantId: null, permissions: ['logs:write', 'traces:read'] },
        { workspaceId: null, tenantId: 't', permissions: ['metrics:write'] },
      ],
    })
    expect(held).toEqual(['api-keys:create', 'logs:write', 'metrics:write', 'traces:read'])
  })
  it('is empty when signed out', () => {
    expect(heldPermissions(null)).toEqual([])
  })
})

describe('keyPermissionChoices', () => {
  it('puts telemetry first and pre-checks only the ingestion permissions held', () => {
    const choices = keyPermissionChoices(['alerts:read', 'logs:read', 'metrics:write', 'traces:write', 'users:read'])
    expect(choices.telemetry).toEqual(['logs:read', 'metrics:write', 'traces:write'])
    expect(choices.other).toEqual(['alerts:read', 'users:read'])
    expect(choices.defaults).toEqual(['traces:write', 'metrics:write'])
  })
})
