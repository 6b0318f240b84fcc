// Which rows of a fixed-row-height list to render: the visible ones plus an overscan above and below, with the space
// of the others kept as padding so the scroll bar stays true. Rendering 10,000 rows as DOM nodes would not scroll smoothly.

export interface VirtualWindow {
  /** First rendered index (inclusive). */
  start: number
  /** Last rendered index (exclusive). */
  end: number
  padTop: number
  padBottom: number
}

export function virtualWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 10): VirtualWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 }
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1
  const start = Math.min(count, Math.max(0, first - overscan))
  const end = Math.min(count, first + visible + overscan)
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight }
}

/** Whether the viewport is within `rows` rows of the end: time to load the next page. */
export function nearEnd(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, rows = 20): boolean {
  return scrollTop + viewportHeight >= (count - rows) * rowHeight
}
