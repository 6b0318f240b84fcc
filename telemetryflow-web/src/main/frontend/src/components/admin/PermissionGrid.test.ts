import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PermissionGrid from './PermissionGrid.vue'

const catalogue = [
  { name: 'logs:read', resource: 'logs', action: 'read' },
  { name: 'logs:write', resource: 'logs', action: 'write' },
  { name: 'regions:create', resource: 'regions', action: 'create' },
]

describe('PermissionGrid', () => {
  it('checks the held permissions, one row per resource', () => {
    const wrapper = mount(PermissionGrid, { props: { catalogue, modelValue: ['logs:write'] } })
    expect(wrapper.findAll('tr').map((r) => r.get('th').text())).toEqual(['logs', 'regions'])
    expect((wrapper.get('[data-permission="logs:write"]').element as HTMLInputElement).checked).toBe(true)
    expect((wrapper.get('[data-permission="logs:read"]').element as HTMLInputElement).checked).toBe(false)
  })

  it('adds and removes permissions, sorted', async () => {
    const wrapper = mount(PermissionGrid, { props: { catalogue, modelValue: ['logs:write'] } })
    await wrapper.get('[data-permission="logs:read"]').setValue(true)
    expect(wrapper.emitted('update:modelValue')![0]).toEqual([['logs:read', 'logs:write']])
    await wrapper.get('[data-permission="logs:write"]').setValue(false)
    expect(wrapper.emitted('update:modelValue')![1]).toEqual([['logs:read']])
  })

  it('disables what the editor cannot grant, and everything when read-only', () => {
    const editable = mount(PermissionGrid, { props: { catalogue, modelValue: [], grantable: ['logs:read', 'logs:write'] } })
    expect(editable.get('[data-permission="regions:create"]').attributes('disabled')).toBeDefined()
    expect(editable.get('[data-permission="logs:read"]').attributes('disabled')).toBeUndefined()
    const readonly = mount(PermissionGrid, { props: { catalogue, modelValue: ['logs:read'], readonly: true } })
    expect(readonly.findAll('input').every((i) => i.attributes('disabled') !== undefined)).toBe(true)
  })
})
