import { computed, type WritableComputedRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'

// Every filter lives in the URL, so a link reproduces the view; writes replace the history entry.

export function useQueryParam(name: string, fallback = ''): WritableComputedRef<string> {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get: () => {
      const value = route.query[name]
      return typeof value === 'string' ? value : fallback
    },
    set: (value: string) => {
      void router.replace({ query: { ...route.query, [name]: value === fallback ? undefined : value } })
    },
  })
}

/** Several parameters at once (one history entry), e.g. a time range; empty or default values are left out. */
export function useQueryUpdate() {
  const route = useRoute()
  const router = useRouter()
  return (changes: Record<string, string | undefined>) =>
    router.replace({ query: { ...route.query, ...changes } })
}
