import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useSession } from '../stores/session'

/**
 * The tenant the pages read: `tenant` in the URL (so a link names it), else the user's home tenant. Passed to the API
 * as `tenantId`; undefined lets the server pick the home tenant.
 */
export function useTenant() {
  const route = useRoute()
  const router = useRouter()
  const session = useSession()
  const tenantId = computed<string | undefined>(() => {
    const chosen = route.query.tenant
    if (typeof chosen === 'string' && chosen) return chosen
    return session.user?.tenantId ?? undefined
  })
  function setTenant(id: string) {
    void router.replace({ query: { ...route.query, tenant: id === session.user?.tenantId ? undefined : id } })
  }
  return { tenantId, setTenant }
}
