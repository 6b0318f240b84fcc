// The live tail of new logs over the telemetry WebSocket (docs/telemetry-api.md "Live tail"): sign in with the access
// token as a subprotocol, subscribe to logs:new, keep a bounded buffer newest first, pause, and reconnect with backoff.
// A plain class with the socket and timers passed in, so the protocol is tested without a browser or server.

import { compareNanosDesc, type LiveLogRecord, type LiveSubscriptionFilters } from './logQuery'

/** The part of the browser's WebSocket this class uses. */
export interface SocketLike {
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike

export interface Timers {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'failed'

export interface LiveRow extends LiveLogRecord {
  /** Arrival order, unique within one tail: a stable key for the list. */
  seq: number
}

export interface LiveTailOptions {
  url: string
  socket: SocketFactory
  /** The current access token (read again on every connect). */
  token: () => string | null
  tenantId?: string
  filters?: LiveSubscriptionFilters
  /** What the browser checks beyond the subscription's filter. */
  accept?: (log: LiveLogRecord) => boolean
  /** Rows kept (shown and held while paused together); older ones are dropped and counted. */
  bufferLimit?: number
  initialBackoffMs?: number
  maxBackoffMs?: number
  timers?: Timers
  onChange?: () => void
}

export const PROTOCOL = 'telemetryflow.v1'
export const BEARER_PREFIX = 'telemetryflow.bearer.'
/** 1008 policy violation: the server refused the token or the client; reconnecting would only be refused again. */
export const POLICY_VIOLATION = 1008

/** `ws:` or `wss:` URL of the live endpoint on the page's own origin. */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/telemetry`
}

export class LiveTail {
  status: LiveStatus = 'idle'
  /** Why the tail failed or last disconnected, for the user. */
  reason = ''
  /** Shown rows, newest first. */
  rows: LiveRow[] = []
  /** Rows that arrived while paused, newest first; shown on resume. */
  held: LiveRow[] = []
  paused = false
  /** Rows dropped because the buffer was full. */
  dropped = 0
  /** Records the server left out under load (its `omitted` counts). */
  omitted = 0
  /** Reconnect attempts since the last successful subscription. */
  attempts = 0
  /** When the next reconnect happens (epoch ms), while reconnecting. */
  retryAt = 0

  private readonly options: Required<Omit<LiveTailOptions, 'tenantId' | 'filters' | 'accept' | 'onChange'>> & LiveTailOptions
  private socket: SocketLike | null = null
  private retryHandle: unknown = null
  private authenticated = false
  private opened = false
  private usedToken = ''
  private seq = 0

  constructor(options: LiveTailOptions) {
    this.options = {
      bufferLimit: 5000,
      initialBackoffMs: 1000,
      maxBackoffMs: 30_000,
      timers: { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      ...options,
    }
  }

  start(): void {
    if (this.status === 'connecting' || this.status === 'live') return
    this.cancelRetry()
    this.connect()
  }

  /** Ends the tail for good (until start): no reconnect. */
  stop(): void {
    this.closeSocket('closed by the user')
    this.status = 'idle'
    this.changed()
  }

  pause(): void {
    this.paused = true
    this.changed()
  }

  /** Shows the rows held while paused on top. */
  resume(): void {
    this.paused = false
    if (this.held.length) {
      this.rows = this.bound(this.held.concat(this.rows))
      this.held = []
    }
    this.changed()
  }

  clear(): void {
    this.rows = []
    this.held = []
    this.dropped = 0
    this.omitted = 0
    this.changed()
  }

  /** A refreshed access token: extends the open socket's sign-in (the server closes it when the old one expires). */
  refreshToken(token: string): void {
    if (this.socket && this.authenticated) this.send({ type: 'auth', token })
  }

  private connect(): void {
    const token = this.options.token()
    if (!token) {
      this.fail('Not signed in: sign in again to follow new logs.')
      return
    }
    this.status = 'connecting'
    this.authenticated = false
    this.opened = false
    this.usedToken = token
    let socket: SocketLike
    try {
      socket = this.options.socket(this.options.url, [PROTOCOL, BEARER_PREFIX + token])
    } catch (e) {
      this.scheduleReconnect(`Cannot open the live connection: ${(e as Error).message}`)
      return
    }
    this.socket = socket
    socket.onopen = () => (this.opened = true)
    socket.onmessage = (event) => this.receive(event.data)
    socket.onclose = (event) => this.closed(socket, event.code, event.reason)
    // an error is always followed by a close, which decides what happens next
    socket.onerror = () => {}
    this.changed()
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return
    let message: { type?: string; [key: string]: unknown }
    try {
      message = JSON.parse(data)
    } catch {
      return
    }
    switch (message.type) {
      case 'authenticated':
        // subscribe once signed in: the server refuses other messages before
        if (!this.authenticated) {
          this.authenticated = true
          const subscribe: Record<string, unknown> = { type: 'subscribe', channel: 'logs:new' }
          if (this.options.tenantId) subscribe.tenantId = this.options.tenantId
          const filters = this.options.filters ?? {}
          if (Object.keys(filters).length) subscribe.filters = filters
          this.send(subscribe)
        }
        break
      case 'subscribed':
        if (message.channel === 'logs:new') {
          this.status = 'live'
          this.reason = ''
          this.attempts = 0
          this.changed()
        }
        break
      case 'error':
        // a refused or ended subscription (a tenant one may not read) would be refused again: stop and say why
        if (message.channel === 'logs:new' || message.channel === undefined && this.status !== 'live') {
          this.fail(String(message.reason ?? 'The server refused the live tail.'))
        }
        break
      case 'logs:new':
        this.add(message as unknown as { tenantId?: string; omitted?: number; logs?: LiveLogRecord[] })
        break
    }
  }

  private add(event: { tenantId?: string; omitted?: number; logs?: LiveLogRecord[] }): void {
    if (this.options.tenantId && event.tenantId && event.tenantId !== this.options.tenantId) return
    this.omitted += Number(event.omitted) || 0
    const accept = this.options.accept ?? (() => true)
    const arrived = (event.logs ?? [])
      .filter(accept)
      .sort((a, b) => compareNanosDesc(a.timestampUnixNano, b.timestampUnixNano))
      .map((log) => ({ ...log, seq: ++this.seq }))
    if (!arrived.length) {
      if (event.omitted) this.changed()
      return
    }
    if (this.paused) {
      this.held = this.bound(arrived.concat(this.held), this.rows.length)
    } else {
      this.rows = this.bound(arrived.concat(this.rows))
    }
    this.changed()
  }

  /** Keeps at most the buffer limit (less `reserved` rows kept elsewhere), dropping the oldest. */
  private bound(rows: LiveRow[], reserved = 0): LiveRow[] {
    const room = Math.max(0, this.options.bufferLimit - reserved)
    if (rows.length <= room) return rows
    this.dropped += rows.length - room
    return rows.slice(0, room)
  }

  private closed(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return
    this.socket = null
    this.authenticated = false
    if (code === POLICY_VIOLATION && reason === 'access token expired' && this.options.token() !== this.usedToken) {
      // the session has a newer token already (the refresh came just too late for this socket): connect with it
      this.scheduleReconnect('The access token expired.')
    } else if (code === POLICY_VIOLATION) {
      this.fail(reason || 'The server refused the live connection.')
    } else if (!this.opened) {
      // a refused handshake (e.g. 403 for a foreign origin) or no server: the browser tells no more than that
      this.scheduleReconnect('The live connection could not be opened.')
    } else {
      this.scheduleReconnect(reason ? `Disconnected: ${reason}.` : `Disconnected (code ${code}).`)
    }
  }

  private scheduleReconnect(reason: string): void {
    const delay = Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** this.attempts)
    this.attempts++
    this.status = 'reconnecting'
    this.reason = reason
    this.retryAt = Date.now() + delay
    this.retryHandle = this.options.timers.set(() => {
      this.retryHandle = null
      this.connect()
    }, delay)
    this.changed()
  }

  /** Closes the socket without reacting to its close (no reconnect), and drops any pending retry. */
  private closeSocket(reason: string): void {
    this.cancelRetry()
    const socket = this.socket
    this.socket = null
    this.authenticated = false
    if (socket) {
      detach(socket)
      socket.close(1000, reason)
    }
  }

  private fail(reason: string): void {
    this.closeSocket('done')
    this.status = 'failed'
    this.reason = reason
    this.changed()
  }

  private cancelRetry(): void {
    if (this.retryHandle !== null) this.options.timers.clear(this.retryHandle)
    this.retryHandle = null
  }

  private send(message: unknown): void {
    this.socket?.send(JSON.stringify(message))
  }

  private changed(): void {
    this.options.onChange?.()
  }
}

function detach(socket: SocketLike): void {
  socket.onmessage = null
  socket.onclose = null
  socket.onerror = null
  socket.onopen = null
}
