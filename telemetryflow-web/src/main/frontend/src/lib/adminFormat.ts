// Pure helpers of the administration pages: forms, paging, labels, the tenancy tree, permission grouping.

import type { Permission, TenancyNode, Tenant } from './adminTypes'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(text: string): boolean {
  return UUID.test(text.trim())
}

/** "First Last", else the email, else the id: how a user is named in lists. */
export function personName(user: { firstName?: string | null; lastName?: string | null; email?: string | null; id?: string }): string {
  const name = [user.firstName, user.lastName].filter((part) => part && part.trim()).join(' ')
  return name || user.email || user.id || ''
}

/** A timestamp for tables: local date and time to the minute; '—' when absent. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The local date alone, for narrow columns (the full time goes in a title). */
export function formatDate(iso: string | null | undefined): string {
  return formatTime(iso).slice(0, 10)
}

/**
 * The `expiresAt` of a new key: `days` from `now` as an ISO-8601 instant, or undefined for a key that never expires
 * (an empty or zero choice). A negative or fractional day count is not a choice the form offers, so it is refused.
 */
export function expiryFromDays(days: string, now: number): string | undefined {
  if (!days.trim() || days.trim() === '0') return undefined
  const count = Number(days)
  if (!Number.isInteger(count) || count < 0) throw new Error(`not a day count: ${days}`)
  return new Date(now + count * 86_400_000).toISOString()
}

/** The window a list shows: "1–50 of 120"; with an unknown total (audit: hasMore only) "51–100". */
export function pageLabel(offset: number, count: number, total?: number): string {
  if (count === 0) return total ? `0 of ${total}` : 'none'
  const range = `${offset + 1}–${offset + count}`
  return total === undefined ? range : `${range} of ${total}`
}

/** A page offset from the URL: a whole number ≥ 0, a multiple of `limit`; anything else is the first page. */
export function parseOffset(text: string, limit: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) return 0
  return value - (value % limit)
}

/** Permissions by resource, resources and actions in catalogue order (sorted by name), for a grid of checkboxes. */
export function groupPermissions(permissions: Pick<Permission, 'name' | 'resource' | 'action'>[]): { resource: string; names: string[] }[] {
  const groups = new Map<string, string[]>()
  for (const p of [...permissions].sort((a, b) => a.name.localeCompare(b.name))) {
    const names = groups.get(p.resource) ?? []
    names.push(p.name)
    groups.set(p.resource, names)
  }
  return [...groups.entries()].map(([resource, names]) => ({ resource, names }))
}

/** The recovery codes as a text to copy or save: one a line. */
export function recoveryCodesText(codes: string[]): string {
  return codes.join('\n')
}

export type TreeLevel = 'region' | 'organization' | 'workspace' | 'tenant'

export interface TreeNode {
  level: TreeLevel
  id: string
  name: string
  slug: string
  active: boolean
  children: TreeNode[]
}

/**
 * Organization → workspace → tenant, under their regions when the caller may read regions. A node whose parent is not
 * in the lists (the caller reaches only part of the tree) becomes a root, so nothing the caller may read is hidden.
 * Every level is sorted by name.
 */
export function buildTenancyTree(input: {
  regions?: TenancyNode[] | null
  organizations: TenancyNode[]
  workspaces: TenancyNode[]
  tenants: Tenant[]
}): TreeNode[] {
  const node = (level: TreeLevel, n: { id: string; name: string; slug: string; active: boolean }): TreeNode => ({
    level, id: n.id, name: n.name, slug: n.slug, active: n.active, children: [],
  })
  const byName = (a: TreeNode, b: TreeNode) => a.name.localeCompare(b.name)
  const regions = new Map((input.regions ?? []).map((r) => [r.id, node('region', r)]))
  const organizations = new Map(input.organizations.map((o) => [o.id, node('organization', o)]))
  const workspaces = new Map(input.workspaces.map((w) => [w.id, node('workspace', w)]))
  const roots: TreeNode[] = [...regions.values()]

  for (const t of input.tenants) {
    const child = node('tenant', t)
    const parent = workspaces.get(t.workspaceId)
    if (parent) parent.children.push(child)
    else roots.push(child)
  }
  for (const w of input.workspaces) {
    const parent = w.parentId ? organizations.get(w.parentId) : undefined
    if (parent) parent.children.push(workspaces.get(w.id)!)
    else roots.push(workspaces.get(w.id)!)
  }
  for (const o of input.organizations) {
    const parent = o.parentId ? regions.get(o.parentId) : undefined
    if (parent) parent.children.push(organizations.get(o.id)!)
    else roots.push(organizations.get(o.id)!)
  }
  const sort = (nodes: TreeNode[]) => {
    nodes.sort(byName)
    nodes.forEach((n) => sort(n.children))
  }
  sort(roots)
  const order: TreeLevel[] = ['region', 'organization', 'workspace', 'tenant']
  return roots.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || byName(a, b))
}

/**
 * The tree narrowed to nodes whose name or slug contains `text` (case-insensitive): a match keeps all it holds, and its
 * ancestors stay so the path to it is visible.
 */
export function filterTenancyTree(nodes: TreeNode[], text: string): TreeNode[] {
  const needle = text.trim().toLowerCase()
  if (!needle) return nodes
  return nodes.flatMap((n) => {
    const hit = n.name.toLowerCase().includes(needle) || n.slug.toLowerCase().includes(needle)
    const children = hit ? n.children : filterTenancyTree(n.children, needle)
    return hit || children.length ? [{ ...n, children }] : []
  })
}

/** The level below, for "add" buttons; tenants have none. */
export function childLevel(level: TreeLevel): TreeLevel | null {
  const order: TreeLevel[] = ['region', 'organization', 'workspace', 'tenant']
  return order[order.indexOf(level) + 1] ?? null
}

/** The user list's one search box: text with an @ searches emails, other text names (both "contains"). */
export function userSearch(text: string): { email?: string; name?: string } {
  const q = text.trim()
  if (!q) return {}
  return q.includes('@') ? { email: q } : { name: q }
}

/** The lifecycle steps a user's status allows (CREATED → ACTIVE ⇄ INACTIVE, CREATED → INACTIVE). */
export function statusActions(status: string): { activate: boolean; deactivate: boolean } {
  return {
    activate: status === 'CREATED' || status === 'INACTIVE',
    deactivate: status === 'CREATED' || status === 'ACTIVE',
  }
}

/**
 * The audit API's actor filter from what the user typed: a UUID is the user id; an email needs a look-up first
 * (`email`); anything else is not a filter the API takes.
 */
export function auditActor(text: string): { userId?: string; email?: string; invalid?: boolean } {
  const value = text.trim()
  if (!value) return {}
  if (isUuid(value)) return { userId: value.toLowerCase() }
  if (/^[^\s@]+@[^\s@]+$/.test(value)) return { email: value }
  return { invalid: true }
}

/** Metadata of an audit row as sorted pairs, for the detail drawer. */
export function metadataPairs(metadata: Record<string, string> | null | undefined): [string, string][] {
  return Object.entries(metadata ?? {}).sort(([a], [b]) => a.localeCompare(b))
}
