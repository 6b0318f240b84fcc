// The one way the console talks to /api/v2: bearer token from memory, one silent refresh on 401, problems as ApiError.
import { limitedRead } from '../lib/readLimit'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail || title)
  }

  /** What the user should do next, for the error state of a page. */
  get advice(): string {
    if (this.status === 0) return 'The server cannot be reached. Check your connection; the page retries on refresh.'
    if (this.status === 401) return 'Your session has ended. Sign in again.'
    if (this.status === 403) return 'Ask an administrator for the permission named above.'
    if (this.status === 404) return 'It may have been deleted, or it belongs to a tenant you cannot read.'
    if (this.status === 429) return `Too many requests. Try again in ${this.retryAfterSeconds ?? 60} s.`
    if (this.status === 503) return `The telemetry store is unavailable. Retrying in ${this.retryAfterSeconds ?? 5} s.`
    if (this.status === 400) return 'Change the request as described above.'
    return 'An unexpected error happened on the server. Try again; if it persists, tell your administrator.'
  }
}

export interface RequestOptions {
  method?: string
  body?: unknown
  query?: Record<string, string | number | boolean | undefined | null>
  /** Sent as the session endpoints' CSRF proof. */
  csrf?: boolean
  /** Skip the refresh-and-retry on 401 (the session endpoints themselves). */
  noRefresh?: boolean
  signal?: AbortSignal
}

interface Auth {
  token(): string | null
  /** Gets a new access token (via the refresh cookie); false when the session is gone. */
  refresh(): Promise<boolean>
  expired(): void
}

let auth: Auth = { token: () => null, refresh: async () => false, expired: () => {} }

export function useAuth(provider: Auth) {
  auth = provider
}

export const CSRF_HEADER = 'X-TelemetryFlow-CSRF'

export function url(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return `/api/v2${path}${search ? `?${search}` : ''}`
}

/**
 * A call to the API. Telemetry reads share one queue (lib/readLimit: the server runs at most 4 per user at once and
 * answers more with 429, which is retried after Retry-After), so a page that loads a chart, a list and facets at
 * once never trips the limit.
 */
export function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return path.startsWith('/telemetry/') ? limitedRead(() => call<T>(path, options), options.signal) : call<T>(path, options)
}

async function call<T>(path: string, options: RequestOptions): Promise<T> {
  let response = await send(path, options)
  if (response.status === 401 && !options.noRefresh) {
    if (await auth.refresh()) {
      response = await send(path, options)
    }
    if (response.status === 401) {
      auth.expired()
    }
  }
  if (!response.ok) {
    throw await toError(response)
  }
  if (response.status === 204) {
    return undefined as T
  }
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const token = auth.token()
  if (token) headers.Authorization = `Bearer ${token}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (options.csrf) headers[CSRF_HEADER] = '1'
  try {
    return await fetch(url(path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, 'Network error', 'The server did not answer.')
  }
}

export async function toError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined
  let title = response.statusText || 'Error'
  let detail = ''
  let field: string | undefined
  try {
    const problem = await response.json()
    title = problem.title ?? title
    detail = problem.detail ?? problem.message ?? ''
    field = problem.field ?? undefined
  } catch {
    // not a problem body: the status line says enough
  }
  return new ApiError(response.status, title, detail, field, retryAfter)
}
