// Live alert events over the telemetry WebSocket (docs/telemetry-api.md "Live tail"): the alerts page reloads when an
// instance starts or stops firing instead of polling. Same sign-in as the live tail (the access token as a
// subprotocol); when the server refuses the channel or the socket cannot stay open, `status` says so and the page
// falls back to refreshing on a timer. The socket and timers are passed in, so the protocol is tested without a server.

import { BEARER_PREFIX, POLICY_VIOLATION, PROTOCOL, type SocketFactory, type SocketLike, type Timers } from './liveTail'

/** The subscription; its events are typed alert:firing and alert:resolved. */
export const ALERT_CHANNEL = 'alerts'
const EVENTS = ['alert:firing', 'alert:resolved']

export interface AlertEvent {
  type: 'alert:firing' | 'alert:resolved'
  tenantId?: string
  ruleId?: string
  ruleName?: string
  fingerprint?: string
  labels?: Record<string, string>
  severity?: string
  from?: string
  to?: string
  value?: number | null
  reason?: string
  at?: string | number
}

export type FeedStatus = 'connecting' | 'live' | 'unavailable'

export interface AlertFeedOptions {
  url: string
  socket: SocketFactory
  token: () => string | null
  tenantId?: string
  onEvent: (event: AlertEvent) => void
  onStatus?: (status: FeedStatus, reason: string) => void
  timers?: Timers
  /** Reconnect delay after a dropped socket (doubles up to 60 s). */
  backoffMs?: number
}

export class AlertFeed {
  status: FeedStatus = 'connecting'
  reason = ''
  private socket: SocketLike | null = null
  private subscribed = false
  private handle: unknown = null
  private failures = 0
  private stopped = false
  private readonly timers: Timers

  constructor(private readonly options: AlertFeedOptions) {
    this.timers = options.timers ?? { set: (callback, ms) => setTimeout(callback, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }
  }

  start(): void {
    this.stopped = false
    this.connect()
  }

  stop(): void {
    this.stopped = true
    if (this.handle !== null) this.timers.clear(this.handle)
    this.handle = null
    const socket = this.socket
    this.socket = null
    if (socket) {
      socket.onclose = null
      socket.onmessage = null
      socket.close(1000, 'page closed')
    }
  }

  private connect(): void {
    const token = this.options.token()
    if (!token) return this.set('unavailable', 'not signed in')
    this.subscribed = false
    this.set('connecting', '')
    let socket: SocketLike
    try {
      socket = this.options.socket(this.options.url, [PROTOCOL, BEARER_PREFIX + token])
    } catch (e) {
      return this.retry(`cannot open the live connection: ${(e as Error).message}`)
    }
    this.socket = socket
    socket.onopen = null
    socket.onerror = () => {}
    socket.onmessage = (event) => this.receive(event.data)
    socket.onclose = (event) => {
      if (socket !== this.socket) return
      this.socket = null
      if (event.code === POLICY_VIOLATION && event.reason !== 'access token expired') this.set('unavailable', event.reason || 'refused')
      else this.retry(event.reason || `disconnected (code ${event.code})`)
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return
    let message: Record<string, unknown>
    try {
      message = JSON.parse(data)
    } catch {
      return
    }
    const type = String(message.type ?? '')
    if (type === 'authenticated' && !this.subscribed) {
      const subscribe: Record<string, unknown> = { type: 'subscribe', channel: ALERT_CHANNEL }
      if (this.options.tenantId) subscribe.tenantId = this.options.tenantId
      this.socket?.send(JSON.stringify(subscribe))
    } else if (type === 'subscribed' && message.channel === ALERT_CHANNEL) {
      this.subscribed = true
      this.failures = 0
      this.set('live', '')
    } else if (type === 'error' && this.status !== 'live') {
      // a server without alert channels (or a tenant the caller may not read): polling does the work
      this.stop()
      this.stopped = false
      this.set('unavailable', String(message.reason ?? 'the server refused the subscription'))
    } else if (EVENTS.includes(type)) {
      const event = message as unknown as AlertEvent
      if (this.options.tenantId && event.tenantId && event.tenantId !== this.options.tenantId) return
      this.options.onEvent(event)
    }
  }

  private retry(reason: string): void {
    if (this.stopped) return
    this.set('unavailable', reason)
    const delay = Math.min(60_000, (this.options.backoffMs ?? 2000) * 2 ** this.failures)
    this.failures++
    this.handle = this.timers.set(() => {
      this.handle = null
      if (!this.stopped) this.connect()
    }, delay)
  }

  private set(status: FeedStatus, reason: string): void {
    this.status = status
    this.reason = reason
    this.options.onStatus?.(status, reason)
  }
}
