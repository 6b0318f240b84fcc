// Notification channels: the configuration fields of each type (as the server's ChannelConfig takes them), which of
// them are secrets (write-only: the API answers them as "********", and an update that sends the mask keeps the stored
// one), and the words for a test send's outcome.

import type { ChannelTestResult } from './alertTypes'

export const MASK = '********'

export interface ChannelField {
  key: string
  label: string
  /** Write-only: never shown, left unchanged on edit unless a new value is typed. */
  secret?: boolean
  required?: boolean
  placeholder?: string
  /** A list the API takes as an array (typed comma separated). */
  list?: boolean
  choices?: string[]
  hint?: string
}

export interface ChannelType {
  type: string
  label: string
  fields: ChannelField[]
}

export const CHANNEL_TYPES: ChannelType[] = [
  {
    type: 'email',
    label: 'Email',
    fields: [{ key: 'to', label: 'Recipients (up to 20)', required: true, list: true, placeholder: 'oncall@example.com, team@example.com' }],
  },
  {
    type: 'slack',
    label: 'Slack',
    fields: [{ key: 'webhookUrl', label: 'Incoming webhook URL', secret: true, required: true, placeholder: 'https://hooks.slack.com/services/…' }],
  },
  {
    type: 'teams',
    label: 'Microsoft Teams',
    fields: [{ key: 'webhookUrl', label: 'Workflow webhook URL', secret: true, required: true, placeholder: 'https://….logic.azure.com/workflows/…' }],
  },
  {
    type: 'pagerduty',
    label: 'PagerDuty',
    fields: [
      { key: 'routingKey', label: 'Integration (routing) key', secret: true, required: true, hint: 'Events API v2 integration of the service.' },
      { key: 'source', label: 'Source (optional)', placeholder: 'telemetryflow' },
      { key: 'apiUrl', label: 'Events API URL (optional)', placeholder: 'https://events.pagerduty.com/v2/enqueue' },
    ],
  },
  {
    type: 'opsgenie',
    label: 'Opsgenie',
    fields: [
      { key: 'apiKey', label: 'API key', secret: true, required: true },
      { key: 'region', label: 'Region', choices: ['us', 'eu'] },
      { key: 'apiUrl', label: 'API URL (optional)', placeholder: 'by region' },
    ],
  },
  {
    type: 'telegram',
    label: 'Telegram',
    fields: [
      { key: 'botToken', label: 'Bot token', secret: true, required: true },
      { key: 'chatId', label: 'Chat ID', required: true, placeholder: '-1001234567890 or @channelname' },
      { key: 'apiUrl', label: 'Bot API URL (optional)', placeholder: 'https://api.telegram.org' },
    ],
  },
  {
    type: 'discord',
    label: 'Discord',
    fields: [{ key: 'webhookUrl', label: 'Webhook URL', secret: true, required: true, placeholder: 'https://discord.com/api/webhooks/…' }],
  },
  {
    type: 'webhook',
    label: 'Webhook',
    fields: [
      { key: 'url', label: 'URL', secret: true, required: true, placeholder: 'https://example.com/alerts' },
      { key: 'secret', label: 'Signing secret', secret: true, required: true, hint: '16 to 256 printable characters: each body is signed with HMAC-SHA256 (a header with the timestamp).' },
    ],
  },
]

export function channelType(type: string): ChannelType {
  return CHANNEL_TYPES.find((t) => t.type === type) ?? { type, label: type, fields: [] }
}

/** The form's texts for a stored config: secrets start empty (the stored one is kept unless replaced). */
export function configToForm(type: string, config: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const field of channelType(type).fields) {
    const value = config[field.key]
    if (field.secret) values[field.key] = ''
    else if (Array.isArray(value)) values[field.key] = value.join(', ')
    else values[field.key] = value === null || value === undefined ? '' : String(value)
  }
  return values
}

/**
 * The config to send. A secret left empty while editing goes back as the mask, which the server reads as "keep the
 * stored value"; on create an empty optional field is left out.
 */
export function formToConfig(type: string, values: Record<string, string>, editing: boolean, stored: Record<string, unknown> = {}): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  for (const field of channelType(type).fields) {
    const value = (values[field.key] ?? '').trim()
    if (field.secret && !value) {
      if (editing && stored[field.key] !== undefined && stored[field.key] !== null && stored[field.key] !== '') config[field.key] = MASK
      continue
    }
    if (!value) continue
    config[field.key] = field.list ? value.split(/[,;\s]+/).filter(Boolean) : value
  }
  return config
}

/** Required fields still empty (a stored secret counts as filled). */
export function missingFields(type: string, values: Record<string, string>, editing: boolean, stored: Record<string, unknown> = {}): string[] {
  return channelType(type)
    .fields.filter((f) => f.required)
    .filter((f) => !(values[f.key] ?? '').trim() && !(f.secret && editing && stored[f.key]))
    .map((f) => f.key)
}

/** The masked text of a config value for the list: secrets as the mask, lists joined. */
export function showConfigValue(field: ChannelField, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (field.secret) return MASK
  return Array.isArray(value) ? value.join(', ') : String(value)
}

/** The outcome of a test send in words: delivered, or refused with the server's reason. */
export function testOutcome(result: ChannelTestResult): { ok: boolean; text: string } {
  const status = result.statusCode ? ` (HTTP ${result.statusCode})` : ''
  if (result.delivered) return { ok: true, text: `Delivered${status}.` }
  const reason = result.error?.trim() || 'the receiver did not accept it'
  return { ok: false, text: `Not delivered${status}: ${reason}${result.retryable ? ' (a real notification would be retried)' : ''}` }
}
