// The trace waterfall's model: spans as a tree (from parentSpanId), rows in drawing order, the critical path, and which
// rows show when subtrees are collapsed. Pure and iterative (no recursion), so deep or odd traces cannot exhaust the
// stack; mirrors the server's TraceTree so the console can work from the spans alone.
import type { TraceSpan } from './traceTypes'

export interface WaterfallRow {
  span: TraceSpan
  id: string
  depth: number
  /** Names a parent that is not in the trace (or itself, or a parent cycle): drawn at top level. */
  orphan: boolean
  childIds: string[]
  /** Nanoseconds from the trace's first start. */
  start: number
  end: number
  error: boolean
}

export interface Waterfall {
  rows: WaterfallRow[]
  byId: Map<string, WaterfallRow>
  /** Epoch nanoseconds (decimal string) of the earliest span. */
  startNanos: string
  /** Nanoseconds from the first start to the last end. */
  totalNanos: number
  /** The earliest root that is not an orphan; else the earliest span (`rootInferred`). */
  root: WaterfallRow | null
  rootInferred: boolean
  duplicates: number
  orphanCount: number
  maxDepth: number
}

export interface PathSegment {
  spanId: string
  start: number
  end: number
}

export interface CriticalPath {
  /** In time order; together they cover the root's duration exactly. */
  segments: PathSegment[]
  /** Each span's self time on the path. */
  nanosBySpan: Map<string, number>
}

interface Node {
  span: TraceSpan
  id: string
  start: number
  end: number
}

const byStart = (a: Node, b: Node) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function buildWaterfall(spans: TraceSpan[]): Waterfall {
  const nodes = new Map<string, Node>()
  let duplicates = 0
  let base: bigint | null = null
  for (const span of spans) {
    const start = BigInt(span.startTimeUnixNano)
    if (base === null || start < base) base = start
  }
  for (const span of spans) {
    if (nodes.has(span.spanId)) {
      duplicates++
      continue
    }
    const start = Number(BigInt(span.startTimeUnixNano) - (base ?? 0n))
    const end = Math.max(start, Number(BigInt(span.endTimeUnixNano) - (base ?? 0n)))
    nodes.set(span.spanId, { span, id: span.spanId, start, end })
  }

  const children = new Map<string, Node[]>()
  const orphans = new Set<string>()
  for (const node of nodes.values()) {
    const parent = node.span.parentSpanId
    if (!parent) continue
    if (parent === node.id || !nodes.has(parent)) {
      orphans.add(node.id)
    } else {
      const list = children.get(parent)
      if (list) list.push(node)
      else children.set(parent, [node])
    }
  }
  for (const list of children.values()) list.sort(byStart)
  const isRoot = (node: Node) => !node.span.parentSpanId || orphans.has(node.id)

  // Spans in a parent cycle are reachable from no root: cut each cycle at its earliest member, which becomes an orphan.
  const reached = new Set<string>()
  const reach = (from: Node) => {
    const stack = [from]
    while (stack.length) {
      const node = stack.pop()!
      if (reached.has(node.id)) continue
      reached.add(node.id)
      for (const child of children.get(node.id) ?? []) stack.push(child)
    }
  }
  for (const node of nodes.values()) if (isRoot(node)) reach(node)
  while (reached.size < nodes.size) {
    const first = [...nodes.values()].filter((n) => !reached.has(n.id)).sort(byStart)[0]
    const seen = new Set<string>()
    let current = first.id
    while (!seen.has(current)) {
      seen.add(current)
      current = nodes.get(current)!.span.parentSpanId
    }
    const cycle: Node[] = []
    let member = current
    do {
      cycle.push(nodes.get(member)!)
      member = nodes.get(member)!.span.parentSpanId
    } while (member !== current)
    const cut = cycle.sort(byStart)[0]
    const siblings = children.get(cut.span.parentSpanId)!
    siblings.splice(siblings.indexOf(cut), 1)
    orphans.add(cut.id)
    reach(cut)
  }

  const roots = [...nodes.values()].filter(isRoot).sort(byStart)
  const rows: WaterfallRow[] = []
  const byId = new Map<string, WaterfallRow>()
  let maxDepth = 0
  let last = 0
  for (const root of roots) {
    const stack: [Node, number][] = [[root, 0]]
    while (stack.length) {
      const [node, depth] = stack.pop()!
      const kids = children.get(node.id) ?? []
      const row: WaterfallRow = {
        span: node.span,
        id: node.id,
        depth,
        orphan: orphans.has(node.id),
        childIds: kids.map((k) => k.id),
        start: node.start,
        end: node.end,
        error: node.span.statusCode === 'ERROR',
      }
      rows.push(row)
      byId.set(node.id, row)
      maxDepth = Math.max(maxDepth, depth)
      last = Math.max(last, node.end)
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1])
    }
  }
  const proper = rows.find((r) => r.depth === 0 && !r.orphan) ?? null
  const earliest = [...rows].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0] ?? null
  return {
    rows,
    byId,
    startNanos: (base ?? 0n).toString(),
    totalNanos: last,
    root: proper ?? earliest,
    rootInferred: !proper,
    duplicates,
    orphanCount: orphans.size,
    maxDepth,
  }
}

/**
 * The work the trace's end waited on, from the root only. With the cursor at the root's end, repeatedly take the child
 * that finishes last but no later than the cursor: the time between its end and the cursor is the parent's self time,
 * the child is walked the same way in its own window, and the cursor moves to the child's start; with no child left,
 * the rest back to the parent's start is self time. Children overlapping a chosen one ran in parallel and are off the
 * path. A child's window is clipped to its parent's (async work counts only while the parent runs; fire-and-forget
 * children starting at or after the parent's end are off the path).
 */
export function criticalPath(waterfall: Waterfall): CriticalPath {
  const backwards: PathSegment[] = []
  const nanosBySpan = new Map<string, number>()
  const root = waterfall.root
  if (root) {
    interface Frame { id: string; start: number; end: number; cursor: number; kids: { id: string; start: number; end: number }[]; next: number }
    const frame = (id: string, start: number, end: number): Frame => {
      const kids = []
      for (const childId of waterfall.byId.get(id)?.childIds ?? []) {
        const child = waterfall.byId.get(childId)!
        const s = Math.max(child.start, start)
        const e = Math.min(child.end, end)
        if (s < e) kids.push({ id: childId, start: s, end: e })
      }
      kids.sort((a, b) => b.end - a.end || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      return { id, start, end, cursor: end, kids, next: 0 }
    }
    const segment = (spanId: string, start: number, end: number) => {
      if (end > start) {
        backwards.push({ spanId, start, end })
        nanosBySpan.set(spanId, (nanosBySpan.get(spanId) ?? 0) + end - start)
      }
    }
    const stack: Frame[] = [frame(root.id, root.start, root.end)]
    while (stack.length) {
      const top = stack[stack.length - 1]
      while (top.next < top.kids.length && top.kids[top.next].end > top.cursor) top.next++
      if (top.next < top.kids.length) {
        const child = top.kids[top.next++]
        segment(top.id, child.end, top.cursor)
        top.cursor = child.start
        stack.push(frame(child.id, child.start, child.end))
      } else {
        segment(top.id, top.start, top.cursor)
        stack.pop()
      }
    }
  }
  return { segments: backwards.reverse(), nanosBySpan }
}

/** The rows to draw when the subtrees under `collapsed` are folded (rows are in depth-first order). */
export function visibleRows(rows: WaterfallRow[], collapsed: ReadonlySet<string>): WaterfallRow[] {
  if (!collapsed.size) return rows
  const out: WaterfallRow[] = []
  let hideBelow = -1
  for (const row of rows) {
    if (hideBelow >= 0) {
      if (row.depth > hideBelow) continue
      hideBelow = -1
    }
    out.push(row)
    if (collapsed.has(row.id) && row.childIds.length) hideBelow = row.depth
  }
  return out
}

/** How many spans sit below each span (for the "+n" on a folded row). */
export function descendantCounts(rows: WaterfallRow[]): Map<string, number> {
  const counts = new Map<string, number>()
  const open: WaterfallRow[] = []
  for (const row of rows) {
    while (open.length && open[open.length - 1].depth >= row.depth) open.pop()
    for (const ancestor of open) counts.set(ancestor.id, (counts.get(ancestor.id) ?? 0) + 1)
    open.push(row)
  }
  return counts
}

/**
 * About `count` tick positions (nanoseconds) over [from, from + length], at round multiples of a step of 1, 2 or 5 × 10^k
 * (a zoomed window gets ticks at round times too).
 */
export function timeTicks(length: number, count = 5, from = 0): number[] {
  if (!(length > 0)) return [from]
  const raw = length / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  const ticks: number[] = []
  const end = from + length + step * 1e-9
  for (let i = Math.ceil(from / step - 1e-9); i * step <= end; i++) ticks.push(Math.round(i * step) + 0) // + 0 turns -0 into 0
  return ticks
}

/** Spans whose name, service, id or an attribute value contains `text` (case-insensitive). */
export function matchingSpans(rows: WaterfallRow[], text: string): Set<string> {
  const needle = text.trim().toLowerCase()
  const out = new Set<string>()
  if (!needle) return out
  for (const row of rows) {
    const s = row.span
    const hit =
      s.name.toLowerCase().includes(needle) ||
      s.serviceName.toLowerCase().includes(needle) ||
      s.spanId.includes(needle) ||
      Object.values(s.attributes ?? {}).some((v) => v.toLowerCase().includes(needle))
    if (hit) out.add(row.id)
  }
  return out
}
