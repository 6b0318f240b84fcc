import { describe, expect, it } from 'vitest'
import { channelType, CHANNEL_TYPES, configToForm, formToConfig, MASK, missingFields, showConfigValue, testOutcome } from './alertChannels'

describe('channel types', () => {
  it('offers the eight types of the API, each with a required field', () => {
    expect(CHANNEL_TYPES.map((t) => t.type)).toEqual(['email', 'slack', 'teams', 'pagerduty', 'opsgenie', 'telegram', 'discord', 'webhook'])
    for (const type of CHANNEL_TYPES) expect(type.fields.some((f) => f.required)).toBe(true)
  })

  it('never shows a stored secret and keeps it on edit unless a new one is typed', () => {
    const stored = { to: ['a@example.com'] }
    expect(configToForm('email', stored)).toEqual({ to: 'a@example.com' })
    const hook = { url: MASK, secret: MASK }
    const values = configToForm('webhook', hook)
    expect(values).toEqual({ url: '', secret: '' })
    expect(formToConfig('webhook', values, true, hook)).toEqual({ url: MASK, secret: MASK })
    expect(formToConfig('webhook', { ...values, secret: 'a-new-signing-secret' }, true, hook)).toEqual({ url: MASK, secret: 'a-new-signing-secret' })
    // on create an empty field is left out (the server names it as required)
    expect(formToConfig('pagerduty', { routingKey: 'abc', source: ' ' }, false)).toEqual({ routingKey: 'abc' })
    expect(showConfigValue(channelType('webhook').fields[1], 'whatever')).toBe(MASK)
    expect(showConfigValue(channelType('telegram').fields[1], '-100')).toBe('-100')
  })

  it('sends lists as arrays and shows them joined', () => {
    expect(formToConfig('email', { to: 'a@example.com, b@example.com;c@example.com' }, false)).toEqual({ to: ['a@example.com', 'b@example.com', 'c@example.com'] })
    expect(configToForm('email', { to: ['a@example.com', 'b@example.com'] })).toEqual({ to: 'a@example.com, b@example.com' })
  })

  it('names the required fields still empty, a stored secret counting as filled', () => {
    expect(missingFields('telegram', { botToken: '', chatId: '' }, false)).toEqual(['botToken', 'chatId'])
    expect(missingFields('telegram', { botToken: '', chatId: '42' }, true, { botToken: MASK })).toEqual([])
  })

  it('words a test send: delivered, or refused with the server’s reason', () => {
    expect(testOutcome({ delivered: true, statusCode: 200 })).toEqual({ ok: true, text: 'Delivered (HTTP 200).' })
    expect(testOutcome({ delivered: false, error: 'address 127.0.0.1 is not allowed (loopback)' })).toEqual({
      ok: false, text: 'Not delivered: address 127.0.0.1 is not allowed (loopback)',
    })
    expect(testOutcome({ delivered: false, statusCode: 503, retryable: true }).text).toBe(
      'Not delivered (HTTP 503): the receiver did not accept it (a real notification would be retried)')
  })
})
