import { describe, expect, it } from 'vitest'
import { placeFromChoice } from './adminTenancy'

describe('placeFromChoice', () => {
  it('turns the picker value into the grant body fields', () => {
    expect(placeFromChoice('')).toEqual({})
    expect(placeFromChoice('w:abc')).toEqual({ workspaceId: 'abc' })
    expect(placeFromChoice('t:def')).toEqual({ tenantId: 'def' })
    expect(placeFromChoice('x:def')).toEqual({})
  })
})
