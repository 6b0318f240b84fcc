// What an API key may be given: only permissions its creator holds (the server refuses others with 403).

import type { Profile } from '../api/types'

const TELEMETRY = /^(metrics|logs|traces):(read|write)$/
/** What an OTLP sender needs; pre-checked in the create form when the creator holds them. */
const INGEST = ['traces:write', 'metrics:write', 'logs:write']

/** Every permission the user holds anywhere (organization-wide or in a workspace or tenant), sorted. */
export function heldPermissions(user: Pick<Profile, 'permissions' | 'scopedGrants'> | null): string[] {
  if (!user) return []
  const all = new Set(user.permissions)
  for (const grant of user.scopedGrants) grant.permissions.forEach((p) => all.add(p))
  return [...all].sort()
}

/** The telemetry permissions first (the reason keys exist), the rest behind "more"; ingestion pre-checked. */
export function keyPermissionChoices(held: string[]): { telemetry: string[]; other: string[]; defaults: string[] } {
  const telemetry = held.filter((p) => TELEMETRY.test(p))
  return {
    telemetry,
    other: held.filter((p) => !TELEMETRY.test(p)),
    defaults: INGEST.filter((p) => held.includes(p)),
  }
}
