import { describe, expect, it } from 'vitest'
import { LiveTail, liveUrl, type LiveTailOptions } from './liveTail'
import { FakeSocket, FakeTimers } from './fakeSocket'
import type { LiveLogRecord } from './logQuery'

function log(n: number, extra: Partial<LiveLogRecord> = {}): LiveLogRecord {
  return {
    timestampUnixNano: String(1_765_000_000_000_000_000n + BigInt(n)),
    severityLevel: 'INFO',
    severityText: 'INFO',
    body: `message ${n}`,
    serviceName: 'checkout',
    traceId: '',
    spanId: '',
    attributes: {},
    ...extra,
  }
}

function setup(overrides: Partial<LiveTailOptions> = {}) {
  const sockets: FakeSocket[] = []
  const timers = new FakeTimers()
  let token: string | null = 'jwt-1'
  let changes = 0
  const tail = new LiveTail({
    url: 'ws://console.test/ws/telemetry',
    socket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols)
      sockets.push(socket)
      return socket
    },
    token: () => token,
    timers,
    onChange: () => changes++,
    ...overrides,
  })
  const live = () => {
    const socket = sockets[sockets.length - 1]
    socket.open()
    socket.receive({ type: 'authenticated', userId: 'u', expiresAt: '2026-12-06T18:00:00Z' })
    socket.receive({ type: 'subscribed', channel: 'logs:new', tenantId: 't', filters: {} })
    return socket
  }
  return { tail, sockets, timers, live, setToken: (t: string | null) => (token = t), changes: () => changes }
}

describe('live tail', () => {
  it('offers the token as a subprotocol and subscribes once signed in, with tenant and filters', () => {
    const { tail, sockets } = setup({ tenantId: 'tenant-1', filters: { service: 'checkout', severity: 'WARN', query: 'timeout' } })
    tail.start()
    expect(sockets).toHaveLength(1)
    expect(sockets[0].url).toBe('ws://console.test/ws/telemetry')
    expect(sockets[0].protocols).toEqual(['telemetryflow.v1', 'telemetryflow.bearer.jwt-1'])
    expect(sockets[0].sent).toEqual([])
    expect(tail.status).toBe('connecting')

    sockets[0].receive({ type: 'authenticated', userId: 'u', expiresAt: 'x' })
    expect(sockets[0].sent).toEqual([
      { type: 'subscribe', channel: 'logs:new', tenantId: 'tenant-1', filters: { service: 'checkout', severity: 'WARN', query: 'timeout' } },
    ])
    // a second authenticated (after a token refresh) does not subscribe again
    sockets[0].receive({ type: 'authenticated', userId: 'u', expiresAt: 'y' })
    expect(sockets[0].sent).toHaveLength(1)
    sockets[0].receive({ type: 'subscribed', channel: 'logs:new', tenantId: 'tenant-1', filters: {} })
    expect(tail.status).toBe('live')
  })

  it('leaves out tenant and filters when there are none (the home tenant, everything)', () => {
    const { tail, sockets } = setup()
    tail.start()
    sockets[0].receive({ type: 'authenticated' })
    expect(sockets[0].sent).toEqual([{ type: 'subscribe', channel: 'logs:new' }])
  })

  it('shows arriving records newest first and keeps only those the browser accepts', () => {
    const { tail, live } = setup({ accept: (l) => l.body !== 'message 2' })
    tail.start()
    const socket = live()
    socket.receive({ type: 'logs:new', tenantId: 't', count: 3, omitted: 0, logs: [log(1), log(3), log(2)] })
    expect(tail.rows.map((r) => r.body)).toEqual(['message 3', 'message 1'])
    socket.receive({ type: 'logs:new', tenantId: 't', count: 1, omitted: 4, logs: [log(5)] })
    expect(tail.rows.map((r) => r.body)).toEqual(['message 5', 'message 3', 'message 1'])
    expect(tail.omitted).toBe(4)
    expect(new Set(tail.rows.map((r) => r.seq)).size).toBe(3)
  })

  it('ignores events of another tenant and messages that are not JSON', () => {
    const { tail, live } = setup({ tenantId: 'mine' })
    tail.start()
    const socket = live()
    socket.receive({ type: 'logs:new', tenantId: 'other', logs: [log(1)] })
    socket.onmessage?.({ data: 'not json' })
    expect(tail.rows).toEqual([])
    expect(tail.status).toBe('live')
  })

  it('bounds the buffer, dropping the oldest rows and counting them', () => {
    const { tail, live } = setup({ bufferLimit: 3 })
    tail.start()
    const socket = live()
    socket.receive({ type: 'logs:new', tenantId: 't', logs: [log(1), log(2)] })
    socket.receive({ type: 'logs:new', tenantId: 't', logs: [log(3), log(4), log(5)] })
    expect(tail.rows.map((r) => r.body)).toEqual(['message 5', 'message 4', 'message 3'])
    expect(tail.dropped).toBe(2)
  })

  it('holds rows while paused and shows them on resume, within the same bound', () => {
    const { tail, live } = setup({ bufferLimit: 4 })
    tail.start()
    const socket = live()
    socket.receive({ type: 'logs:new', tenantId: 't', logs: [log(1), log(2)] })
    tail.pause()
    socket.receive({ type: 'logs:new', tenantId: 't', logs: [log(3)] })
    socket.receive({ type: 'logs:new', tenantId: 't', logs: [log(4), log(5)] })
    expect(tail.rows.map((r) => r.body)).toEqual(['message 2', 'message 1'])
    // 2 shown + at most 2 held: the oldest held row goes
    expect(tail.held.map((r) => r.body)).toEqual(['message 5', 'message 4'])
    expect(tail.dropped).toBe(1)
    tail.resume()
    expect(tail.rows.map((r) => r.body)).toEqual(['message 5', 'message 4', 'message 2', 'message 1'])
    expect(tail.held).toEqual([])
    expect(tail.paused).toBe(false)
  })

  it('reconnects with growing backoff after an unexpected close, with the current token', () => {
    const { tail, sockets, timers, live, setToken } = setup({ initialBackoffMs: 1000, maxBackoffMs: 4000 })
    tail.start()
    live()
    sockets[0].serverCloses(1006)
    expect(tail.status).toBe('reconnecting')
    expect(tail.reason).toContain('1006')
    expect(timers.delays()).toEqual([1000])
    setToken('jwt-2')
    timers.runAll()
    expect(sockets).toHaveLength(2)
    expect(sockets[1].protocols[1]).toBe('telemetryflow.bearer.jwt-2')
    sockets[1].serverCloses(1011, 'server error')
    // never opened: a refused handshake or no server
    expect(tail.reason).toBe('The live connection could not be opened.')
    expect(timers.delays()).toEqual([2000])
    timers.runAll()
    sockets[2].serverCloses(1001)
    expect(timers.delays()).toEqual([4000])
    timers.runAll()
    sockets[3].serverCloses(1001)
    expect(timers.delays()).toEqual([4000])
    timers.runAll()
    // a successful subscription starts the backoff again
    live()
    expect(tail.status).toBe('live')
    sockets[4].serverCloses(1001)
    expect(timers.delays()).toEqual([1000])
  })

  it('does not reconnect after a 1008 (refused token or client) and shows the reason', () => {
    const { tail, sockets, timers, live } = setup()
    tail.start()
    live()
    sockets[0].serverCloses(1008, 'access token revoked or account inactive')
    expect(tail.status).toBe('failed')
    expect(tail.reason).toBe('access token revoked or account inactive')
    expect(timers.pending.size).toBe(0)
  })

  it('reconnects after an expired token only when the session holds a newer one', () => {
    const { tail, sockets, timers, live, setToken } = setup()
    tail.start()
    live()
    setToken('jwt-2')
    sockets[0].serverCloses(1008, 'access token expired')
    expect(tail.status).toBe('reconnecting')
    timers.runAll()
    expect(sockets[1].protocols[1]).toBe('telemetryflow.bearer.jwt-2')
    live()
    sockets[1].serverCloses(1008, 'access token expired')
    expect(tail.status).toBe('failed')
    expect(tail.reason).toBe('access token expired')
  })

  it('stops on a refused subscription, closing the socket without retrying', () => {
    const { tail, sockets, timers } = setup({ tenantId: 'nope' })
    tail.start()
    sockets[0].receive({ type: 'authenticated' })
    sockets[0].receive({ type: 'error', reason: 'tenant nope not found', channel: 'logs:new' })
    expect(tail.status).toBe('failed')
    expect(tail.reason).toBe('tenant nope not found')
    expect(sockets[0].closedWith?.code).toBe(1000)
    // the socket's own close afterwards changes nothing
    sockets[0].onclose?.({ code: 1000, reason: '' })
    expect(timers.pending.size).toBe(0)
  })

  it('keeps going after an error about an unreadable message once live', () => {
    const { tail, live } = setup()
    tail.start()
    const socket = live()
    socket.receive({ type: 'error', reason: 'unknown field' })
    expect(tail.status).toBe('live')
  })

  it('fails without a token instead of opening a socket', () => {
    const { tail, sockets, setToken } = setup()
    setToken(null)
    tail.start()
    expect(sockets).toHaveLength(0)
    expect(tail.status).toBe('failed')
  })

  it('sends a refreshed token on the open socket only after sign-in', () => {
    const { tail, sockets, live } = setup()
    tail.start()
    tail.refreshToken('early')
    expect(sockets[0].sent).toEqual([])
    live()
    tail.refreshToken('jwt-2')
    expect(sockets[0].sent[sockets[0].sent.length - 1]).toEqual({ type: 'auth', token: 'jwt-2' })
  })

  it('stop closes the socket cleanly and cancels a pending reconnect', () => {
    const { tail, sockets, timers, live } = setup()
    tail.start()
    live()
    sockets[0].serverCloses(1006)
    expect(timers.pending.size).toBe(1)
    tail.stop()
    expect(timers.pending.size).toBe(0)
    expect(tail.status).toBe('idle')
    tail.start()
    live()
    tail.stop()
    expect(sockets[1].closedWith).toEqual({ code: 1000, reason: 'closed by the user' })
    expect(sockets[1].onclose).toBeNull()
  })

  it('clear empties the buffer and its counts', () => {
    const { tail, live, changes } = setup({ bufferLimit: 1 })
    tail.start()
    const socket = live()
    socket.receive({ type: 'logs:new', tenantId: 't', omitted: 2, logs: [log(1), log(2)] })
    const before = changes()
    tail.clear()
    expect([tail.rows.length, tail.dropped, tail.omitted]).toEqual([0, 0, 0])
    expect(changes()).toBeGreaterThan(before)
  })

  it('uses wss behind TLS', () => {
    expect(liveUrl({ protocol: 'https:', host: 'tf.example:8443' })).toBe('wss://tf.example:8443/ws/telemetry')
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:5182' })).toBe('ws://127.0.0.1:5182/ws/telemetry')
  })
})
