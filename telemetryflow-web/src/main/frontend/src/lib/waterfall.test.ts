import { describe, expect, it } from 'vitest'
import { buildWaterfall, criticalPath, descendantCounts, matchingSpans, timeTicks, visibleRows } from './waterfall'
import type { TraceSpan } from './traceTypes'

const BASE = 1795138200000000000n
const MS = 1_000_000

/** A span from `start` to `end` in milliseconds after BASE. */
function span(id: string, parent: string, start: number, end: number, extra: Partial<TraceSpan> = {}): TraceSpan {
  return {
    spanId: id,
    parentSpanId: parent,
    serviceName: 'svc',
    name: id,
    kind: 'INTERNAL',
    startTimeUnixNano: (BASE + BigInt(start * MS)).toString(),
    endTimeUnixNano: (BASE + BigInt(end * MS)).toString(),
    durationNanos: (end - start) * MS,
    statusCode: 'UNSET',
    statusMessage: '',
    attributes: {},
    resourceAttributes: {},
    ...extra,
  }
}

const path = (spans: TraceSpan[]) =>
  criticalPath(buildWaterfall(spans)).segments.map((s) => `${s.spanId}:${s.start / MS}-${s.end / MS}`)

describe('waterfall tree', () => {
  it('builds the tree from parentSpanId, children by start, depth first', () => {
    const w = buildWaterfall([
      span('c2', 'b', 30, 40),
      span('a', '', 0, 100),
      span('b', 'a', 10, 50),
      span('c1', 'b', 20, 25),
      span('d', 'a', 60, 90, { statusCode: 'ERROR' }),
    ])
    expect(w.rows.map((r) => `${r.id}@${r.depth}`)).toEqual(['a@0', 'b@1', 'c1@2', 'c2@2', 'd@1'])
    expect(w.byId.get('b')!.childIds).toEqual(['c1', 'c2'])
    expect(w.byId.get('d')!.error).toBe(true)
    expect(w.root!.id).toBe('a')
    expect(w.rootInferred).toBe(false)
    expect(w.maxDepth).toBe(2)
    expect(w.totalNanos).toBe(100 * MS)
    expect(w.byId.get('c1')!.start).toBe(20 * MS)
    expect(w.startNanos).toBe(BASE.toString())
  })

  it('draws a span whose parent is missing at top level, flagged orphan, with its subtree', () => {
    const w = buildWaterfall([span('root', '', 0, 100), span('lost', 'gone', 5, 20), span('kid', 'lost', 6, 10)])
    expect(w.rows.map((r) => `${r.id}@${r.depth}${r.orphan ? '!' : ''}`)).toEqual(['root@0', 'lost@0!', 'kid@1'])
    expect(w.orphanCount).toBe(1)
    expect(w.root!.id).toBe('root')
  })

  it('infers the root when every top-level span is an orphan', () => {
    const w = buildWaterfall([span('x', 'gone', 10, 20), span('y', 'gone2', 5, 30)])
    expect(w.rootInferred).toBe(true)
    expect(w.root!.id).toBe('y')
    expect(w.rows.every((r) => r.orphan && r.depth === 0)).toBe(true)
  })

  it('keeps the first of duplicate span ids, treats a self parent and a parent cycle as orphans', () => {
    const w = buildWaterfall([
      span('a', '', 0, 10),
      span('a', '', 1, 5),
      span('self', 'self', 2, 3),
      span('p', 'q', 4, 8),
      span('q', 'p', 5, 6),
    ])
    expect(w.duplicates).toBe(1)
    expect(w.rows).toHaveLength(4)
    expect(w.byId.get('self')!.orphan).toBe(true)
    // the cycle is cut at its earliest member
    expect(w.rows.map((r) => `${r.id}@${r.depth}${r.orphan ? '!' : ''}`)).toEqual(['a@0', 'self@0!', 'p@0!', 'q@1'])
  })

  it('handles a 5000-deep chain without recursion', () => {
    const spans = [span('s0', '', 0, 10000)]
    for (let i = 1; i < 5000; i++) spans.push(span(`s${i}`, `s${i - 1}`, i, 10000 - i))
    const w = buildWaterfall(spans)
    expect(w.maxDepth).toBe(4999)
    expect(criticalPath(w).segments).toHaveLength(2 * 4999 + 1)
  })
})

describe('critical path', () => {
  it('walks back from the root through the child that ends last, sequential children all on the path', () => {
    expect(path([span('a', '', 0, 100), span('b', 'a', 10, 40), span('c', 'a', 50, 90)])).toEqual([
      'a:0-10', 'b:10-40', 'a:40-50', 'c:50-90', 'a:90-100',
    ])
  })

  it('leaves out children overlapped by the one the end waited on', () => {
    // b and c run in parallel; c ends last, b overlaps c so it is off the path; d ran before both
    const segments = path([
      span('a', '', 0, 100), span('d', 'a', 0, 5), span('b', 'a', 10, 60), span('c', 'a', 20, 80),
    ])
    expect(segments).toEqual(['d:0-5', 'a:5-20', 'c:20-80', 'a:80-100'])
  })

  it('clips async children to the parent and skips fire-and-forget ones', () => {
    // b outlives a (counts only up to a's end); c starts after a ended
    expect(path([span('a', '', 0, 50), span('b', 'a', 10, 80), span('c', 'a', 60, 70)])).toEqual(['a:0-10', 'b:10-50'])
  })

  it('covers the root exactly and sums each span\'s self time', () => {
    const w = buildWaterfall([
      span('a', '', 0, 100), span('b', 'a', 10, 70), span('b1', 'b', 20, 30), span('b2', 'b', 40, 65), span('o', 'gone', 0, 200),
    ])
    const { segments, nanosBySpan } = criticalPath(w)
    expect(segments.reduce((sum, s) => sum + s.end - s.start, 0)).toBe(100 * MS)
    expect(nanosBySpan.get('a')).toBe(40 * MS)
    expect(nanosBySpan.get('b')).toBe(25 * MS)
    expect(nanosBySpan.get('b1')).toBe(10 * MS)
    expect(nanosBySpan.get('b2')).toBe(25 * MS)
    expect(nanosBySpan.has('o')).toBe(false) // orphan subtrees are not on the path
    for (let i = 1; i < segments.length; i++) expect(segments[i].start).toBe(segments[i - 1].end)
  })
})

describe('folding', () => {
  const w = buildWaterfall([
    span('a', '', 0, 100), span('b', 'a', 10, 50), span('c', 'b', 20, 25), span('d', 'c', 21, 22), span('e', 'a', 60, 90),
  ])

  it('hides the rows below a collapsed span only', () => {
    expect(visibleRows(w.rows, new Set()).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(visibleRows(w.rows, new Set(['b'])).map((r) => r.id)).toEqual(['a', 'b', 'e'])
    expect(visibleRows(w.rows, new Set(['a'])).map((r) => r.id)).toEqual(['a'])
    expect(visibleRows(w.rows, new Set(['d'])).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('counts the spans below each span', () => {
    const counts = descendantCounts(w.rows)
    expect(counts.get('a')).toBe(4)
    expect(counts.get('b')).toBe(2)
    expect(counts.get('e')).toBeUndefined()
  })
})

describe('axis and search helpers', () => {
  it('places ticks at round steps', () => {
    expect(timeTicks(100 * MS)).toEqual([0, 20, 40, 60, 80, 100].map((t) => t * MS))
    expect(timeTicks(7 * MS, 5)).toEqual([0, 2, 4, 6].map((t) => t * MS))
    expect(timeTicks(0)).toEqual([0])
    // a zoomed window: ticks at round times inside it
    expect(timeTicks(5.9 * MS, 6, 8.87 * MS)).toEqual([9, 10, 11, 12, 13, 14].map((t) => t * MS))
  })

  it('finds spans by name, service, id or attribute value', () => {
    const w = buildWaterfall([
      span('a1', '', 0, 10, { name: 'GET /cart', serviceName: 'frontend' }),
      span('b2', 'a1', 1, 5, { name: 'SELECT', serviceName: 'db', attributes: { 'db.statement': 'select * from Orders' } }),
    ])
    expect([...matchingSpans(w.rows, 'cart')]).toEqual(['a1'])
    expect([...matchingSpans(w.rows, 'orders')]).toEqual(['b2'])
    expect([...matchingSpans(w.rows, 'DB')]).toEqual(['b2'])
    expect(matchingSpans(w.rows, '  ').size).toBe(0)
  })
})
