// Places the service map's nodes in columns by call depth (callers left, callees right), as trace tools draw
// dependency graphs: deterministic, unlike a force layout, and readable at 20+ services.

export interface Placed {
  column: number
  row: number
}

/**
 * Column = the longest chain of calls leading to the service from a service nobody calls (cycles are cut: a chain
 * never revisits a service); row = the order within the column (busiest callers first keep the main path on top).
 */
export function layerLayout(services: string[], edges: { source: string; target: string; calls: number }[]): Map<string, Placed> {
  const names = [...new Set([...services, ...edges.flatMap((e) => [e.source, e.target])])]
  const out = new Map<string, string[]>()
  const incoming = new Map<string, number>()
  for (const e of edges) {
    if (e.source === e.target) continue
    out.set(e.source, [...(out.get(e.source) ?? []), e.target])
    incoming.set(e.target, (incoming.get(e.target) ?? 0) + 1)
  }
  const column = new Map<string, number>()
  // start from services nobody calls; in a pure cycle, from the first by name
  let starts = names.filter((n) => !incoming.get(n)).sort()
  const remaining = () => names.filter((n) => !column.has(n)).sort()
  while (column.size < names.length) {
    if (!starts.length) starts = [remaining()[0]]
    for (const s of starts) if (!column.has(s)) column.set(s, 0)
    // longest path without revisiting: relax along edges at most |names| rounds, each walk keeping its own path
    const stack: { name: string; depth: number; path: Set<string> }[] = starts.map((s) => ({ name: s, depth: column.get(s)!, path: new Set([s]) }))
    let steps = 0
    while (stack.length && steps++ < 200_000) {
      const { name, depth, path } = stack.pop()!
      for (const next of out.get(name) ?? []) {
        if (path.has(next)) continue
        if ((column.get(next) ?? -1) < depth + 1) {
          column.set(next, depth + 1)
          stack.push({ name: next, depth: depth + 1, path: new Set([...path, next]) })
        }
      }
    }
    starts = []
  }
  const weight = new Map<string, number>()
  for (const e of edges) weight.set(e.source, (weight.get(e.source) ?? 0) + e.calls)
  const byColumn = new Map<number, string[]>()
  for (const [name, c] of column) byColumn.set(c, [...(byColumn.get(c) ?? []), name])
  const placed = new Map<string, Placed>()
  for (const [c, members] of byColumn) {
    members
      .sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a.localeCompare(b))
      .forEach((name, row) => placed.set(name, { column: c, row }))
  }
  return placed
}
