import { computed } from 'vue'
import { api } from '../api/client'
import { useLoader } from '../composables/useLoader'
import { useSession } from '../stores/session'
import type { IamPage, TenancyNode, Tenant } from './adminTypes'

/**
 * The workspaces and tenants the caller may read, for scope pickers and for naming ids in lists; empty lists for a
 * caller without the read permissions (ids are then shown shortened).
 */
export function useTenancyNames() {
  const session = useSession()
  const { data } = useLoader(async (signal) => {
    const [workspaces, tenants] = await Promise.all([
      session.can('workspaces:read')
        ? api<IamPage<TenancyNode>>('/iam/workspaces', { query: { limit: 200 }, signal }).then((p) => p.items, () => [])
        : [],
      session.can('tenants:read') ? api<IamPage<Tenant>>('/iam/tenants', { query: { limit: 200 }, signal }).then((p) => p.items, () => []) : [],
    ])
    return { workspaces: workspaces as TenancyNode[], tenants: tenants as Tenant[] }
  })
  const workspaces = computed(() => data.value?.workspaces ?? [])
  const tenants = computed(() => data.value?.tenants ?? [])

  /** "Workspace X" / "Tenant Y" / "Organization" for a place; shortened ids when the name is not readable. */
  function placeName(place: { workspaceId?: string | null; tenantId?: string | null }): string {
    if (place.tenantId) return `tenant ${tenants.value.find((t) => t.id === place.tenantId)?.name ?? place.tenantId.slice(0, 8)}`
    if (place.workspaceId) {
      return `workspace ${workspaces.value.find((w) => w.id === place.workspaceId)?.name ?? place.workspaceId.slice(0, 8)}`
    }
    return 'whole organization'
  }
  return { workspaces, tenants, placeName }
}

/** A place picker's value: '' (organization), 'w:<id>' or 't:<id>', as the body fields of a role grant. */
export function placeFromChoice(choice: string): { workspaceId?: string; tenantId?: string } {
  if (choice.startsWith('w:')) return { workspaceId: choice.slice(2) }
  if (choice.startsWith('t:')) return { tenantId: choice.slice(2) }
  return {}
}
