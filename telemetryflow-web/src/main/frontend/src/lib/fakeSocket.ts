// Test support for the WebSocket clients (liveTail, alertLive): a socket whose server side the test plays, and timers
// the test runs by hand.
import type { SocketLike, Timers } from './liveTail'

export class FakeSocket implements SocketLike {
  sent: unknown[] = []
  closedWith: { code?: number; reason?: string } | null = null
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null

  constructor(readonly url: string, readonly protocols: string[]) {}

  send(data: string) {
    this.sent.push(JSON.parse(data))
  }

  close(code?: number, reason?: string) {
    this.closedWith = { code, reason }
  }

  /** The server's side. */
  open() {
    this.onopen?.({})
  }

  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }

  serverCloses(code: number, reason = '') {
    this.onerror?.({})
    this.onclose?.({ code, reason })
  }
}

export class FakeTimers implements Timers {
  pending = new Map<number, { callback: () => void; ms: number }>()
  private next = 1

  set(callback: () => void, ms: number) {
    const id = this.next++
    this.pending.set(id, { callback, ms })
    return id
  }

  clear(handle: unknown) {
    this.pending.delete(handle as number)
  }

  delays() {
    return [...this.pending.values()].map((p) => p.ms)
  }

  runAll() {
    const due = [...this.pending.values()]
    this.pending.clear()
    due.forEach((p) => p.callback())
  }
}
