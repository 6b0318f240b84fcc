// Shapes of the IAM, API-key and audit answers (records in telemetryflow-ejb: ApiKeyView, UserView, RoleView, …).

export interface ApiKeyScope {
  organizationId: string | null
  workspaceId: string | null
  tenantId: string | null
}

export interface ApiKey {
  id: string
  keyId: string
  name: string
  status: 'active' | 'revoked' | 'expired' | string
  scope: ApiKeyScope
  permissions: string[]
  createdAt: string
  createdBy: string | null
  expiresAt: string | null
  revokedAt: string | null
  lastUsedAt: string | null
  useCount: number
  rotationGraceEndsAt: string | null
}

/** The answer to create and rotate: the only time the secret is ever shown. */
export interface ApiKeyWithSecret {
  apiKey: ApiKey
  secret: string
}

/** The key list's own paging: `page` counts from 1. */
export interface ApiKeyPage {
  items: ApiKey[]
  page: number
  size: number
  total: number
}

/** The management API's one paging convention. */
export interface IamPage<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export interface Assignment {
  id: string
  roleId: string
  roleName: string
  organizationId: string
  workspaceId: string | null
  tenantId: string | null
  assignedAt: string
}

export type UserStatus = 'CREATED' | 'ACTIVE' | 'INACTIVE' | 'DELETED'

export interface User {
  id: string
  email: string
  firstName: string | null
  lastName: string | null
  organizationId: string
  workspaceId: string | null
  tenantId: string | null
  status: UserStatus
  emailVerified: boolean
  mfaEnabled: boolean
  lastLoginAt: string | null
  createdAt: string
  createdBy: string | null
  updatedAt: string | null
  updatedBy: string | null
  roles: Assignment[]
  permissions: string[]
}

export interface Role {
  id: string
  name: string
  description: string | null
  tier: number
  system: boolean
  organizationId: string | null
  permissions: string[]
  createdAt: string
  createdBy: string | null
  updatedAt: string | null
  updatedBy: string | null
}

export interface Permission {
  name: string
  resource: string
  action: string
  description: string | null
}

export interface Group {
  id: string
  organizationId: string
  name: string
  description: string | null
  memberCount: number
  createdAt: string
}

export interface Member {
  userId: string
  email: string
  firstName: string | null
  lastName: string | null
  status: UserStatus
}

/** Regions, organizations and workspaces (parentId: the level above). */
export interface TenancyNode {
  id: string
  slug: string
  name: string
  active: boolean
  parentId: string | null
  createdAt: string
}

export interface Tenant {
  id: string
  slug: string
  name: string
  active: boolean
  workspaceId: string
  organizationId: string
  createdAt: string
}

export interface AuditEntry {
  id: string
  timestamp: string
  userId: string
  userEmail: string
  userFirstName: string
  userLastName: string
  eventType: 'AUTH' | 'AUTHZ' | 'DATA' | 'SYSTEM' | string
  action: string
  resource: string
  result: 'SUCCESS' | 'FAILURE' | 'DENIED' | string
  errorMessage: string
  ipAddress: string
  userAgent: string
  metadata: Record<string, string>
  tenantId: string
  workspaceId: string
  organizationId: string
  sessionId: string
  durationMs: number
  createdAt: string
}

export interface AuditPage {
  items: AuditEntry[]
  limit: number
  offset: number
  hasMore: boolean
  from: string
  to: string
}

export interface MfaEnrolment {
  secret: string
  otpauthUri: string
}
