// Shapes of the API answers the console reads (docs/telemetry-api.md, docs/iam.md).

export interface Grant {
  workspaceId: string | null
  tenantId: string | null
  permissions: string[]
}

export interface Profile {
  id: string
  email: string
  firstName: string | null
  lastName: string | null
  organizationId: string
  workspaceId: string | null
  tenantId: string | null
  roles: string[]
  permissions: string[]
  scopedGrants: Grant[]
  /** Only in the answer of /auth/me. */
  emailVerified?: boolean
  mfaEnabled?: boolean
}

export interface TokenResponse {
  tokenType?: string
  accessToken?: string
  expiresIn?: number
  sessionId?: string
  mfaRequired?: boolean
  mfaToken?: string
  mfaTokenExpiresIn?: number
  /** The password was chosen by an administrator: the user chooses their own with this ticket before a session opens. */
  passwordChangeRequired?: boolean
  passwordChangeToken?: string
  passwordChangeTokenExpiresIn?: number
  user?: Profile
}

export interface Page<T> {
  items: T[]
  total?: number
  limit?: number
  offset?: number
}
