import { describe, expect, it } from 'vitest'
import { AlertFeed, type AlertEvent, type AlertFeedOptions } from './alertLive'
import { FakeSocket, FakeTimers } from './fakeSocket'

function setup(overrides: Partial<AlertFeedOptions> = {}) {
  const sockets: FakeSocket[] = []
  const timers = new FakeTimers()
  const events: AlertEvent[] = []
  const statuses: string[] = []
  const feed = new AlertFeed({
    url: 'ws://console/ws/telemetry',
    socket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols)
      sockets.push(socket)
      return socket
    },
    token: () => 'jwt-1',
    tenantId: 'tenant-a',
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
    timers,
    ...overrides,
  })
  return { feed, sockets, timers, events, statuses }
}

function live(socket: FakeSocket) {
  socket.open()
  socket.receive({ type: 'authenticated', userId: 'u', expiresAt: '2030-01-01T00:00:00Z' })
  socket.receive({ type: 'subscribed', channel: 'alerts', tenantId: 'tenant-a' })
}

describe('alert feed', () => {
  it('signs in with the token as a subprotocol and subscribes to the tenant’s alerts', () => {
    const { feed, sockets, statuses } = setup()
    feed.start()
    expect(sockets[0].protocols).toEqual(['telemetryflow.v1', 'telemetryflow.bearer.jwt-1'])
    live(sockets[0])
    expect(sockets[0].sent).toEqual([{ type: 'subscribe', channel: 'alerts', tenantId: 'tenant-a' }])
    expect(feed.status).toBe('live')
    expect(statuses).toEqual(['connecting', 'live'])
  })

  it('hands over the tenant’s alert events and nothing else', () => {
    const { feed, sockets, events } = setup()
    feed.start()
    live(sockets[0])
    sockets[0].receive({ type: 'alert:firing', tenantId: 'tenant-a', ruleId: 'r1', fingerprint: 'f1' })
    sockets[0].receive({ type: 'alert:resolved', tenantId: 'tenant-b', ruleId: 'r2' })
    sockets[0].receive({ type: 'logs:new', tenantId: 'tenant-a', logs: [] })
    sockets[0].receive({ type: 'alert:resolved', tenantId: 'tenant-a', ruleId: 'r1', fingerprint: 'f1' })
    expect(events.map((e) => `${e.type} ${e.fingerprint}`)).toEqual(['alert:firing f1', 'alert:resolved f1'])
  })

  it('gives up on a server that refuses the channel (the page polls instead)', () => {
    const { feed, sockets, timers } = setup()
    feed.start()
    sockets[0].open()
    sockets[0].receive({ type: 'authenticated' })
    sockets[0].receive({ type: 'error', reason: "unknown channel 'alerts'" })
    expect(feed.status).toBe('unavailable')
    expect(feed.reason).toContain('unknown channel')
    expect(sockets[0].closedWith?.code).toBe(1000)
    expect(timers.delays()).toEqual([])
  })

  it('reconnects with a growing delay after a dropped socket, and stops for good on a refused token', () => {
    const { feed, sockets, timers } = setup({ backoffMs: 1000 })
    feed.start()
    live(sockets[0])
    sockets[0].serverCloses(1006)
    expect(feed.status).toBe('unavailable')
    expect(timers.delays()).toEqual([1000])
    timers.runAll()
    expect(sockets).toHaveLength(2)
    sockets[1].serverCloses(1006)
    expect(timers.delays()).toEqual([2000])
    timers.runAll()
    sockets[2].serverCloses(1008, 'invalid or expired access token')
    expect(feed.status).toBe('unavailable')
    expect(timers.delays()).toEqual([])
  })

  it('closes the socket and cancels a pending reconnect when the page stops it', () => {
    const { feed, sockets, timers } = setup()
    feed.start()
    sockets[0].serverCloses(1006)
    expect(timers.delays()).toHaveLength(1)
    feed.stop()
    expect(timers.delays()).toEqual([])
    const again = setup()
    again.feed.start()
    live(again.sockets[0])
    again.feed.stop()
    expect(again.sockets[0].closedWith).toEqual({ code: 1000, reason: 'page closed' })
  })
})
