import { defineStore } from 'pinia'
import { api, ApiError, useAuth } from '../api/client'
import type { Profile, TokenResponse } from '../api/types'

// The access token lives in this store only (memory); the refresh token is an HttpOnly cookie the script never sees.
// A reload restores the session through POST /auth/session/refresh.

// A sign-in ends in a session only once every step is done: the password, the MFA code when MFA is on, and the user's own
// password when an administrator chose the current one. An unfinished step answers the ticket for the next.
export type SignInStep =
  | { kind: 'signed-in' }
  | { kind: 'mfa'; mfaToken: string }
  | { kind: 'password-change'; token: string }

export const useSession = defineStore('session', {
  state: () => ({
    accessToken: null as string | null,
    user: null as Profile | null,
    /** When the access token expires (epoch ms), so it is refreshed a little before. */
    expiresAt: 0,
    /** Set once the first restore attempt finished, so the router knows whether a reload is still signing in. */
    restored: false,
    /** Why the user was sent back to sign in, shown there. */
    endedReason: '' as string,
  }),
  getters: {
    signedIn: (state) => state.accessToken !== null && state.user !== null,
    displayName: (state) => {
      const user = state.user
      if (!user) return ''
      const name = [user.firstName, user.lastName].filter(Boolean).join(' ')
      return name || user.email
    },
  },
  actions: {
    /** True when the user holds the permission anywhere: organization-wide, or in a workspace or tenant. */
    can(permission: string): boolean {
      const user = this.user
      if (!user) return false
      if (user.permissions.includes(permission)) return true
      return user.scopedGrants.some((grant) => grant.permissions.includes(permission))
    },

    async signIn(email: string, password: string): Promise<SignInStep> {
      return this.proceed(await api<TokenResponse>('/auth/session/login', {
        body: { email, password }, csrf: true, noRefresh: true,
      }))
    },

    /** The MFA step: signed in, or (a password an administrator chose) the password change still to do. */
    async completeMfa(mfaToken: string, code: string): Promise<SignInStep> {
      return this.proceed(await api<TokenResponse>('/auth/session/validate-mfa', {
        body: { mfaToken, code }, csrf: true, noRefresh: true,
      }))
    },

    /** The last step of a first sign-in: the user's own password replaces the one an administrator chose. */
    async completePasswordChange(token: string, newPassword: string): Promise<void> {
      this.accept(await api<TokenResponse>('/auth/session/complete-password-change', {
        body: { passwordChangeToken: token, newPassword }, csrf: true, noRefresh: true,
      }))
    },

    /** The step a sign-in answer asks for; a finished sign-in is accepted. */
    proceed(answer: TokenResponse): SignInStep {
      if (answer.mfaRequired && answer.mfaToken) return { kind: 'mfa', mfaToken: answer.mfaToken }
      if (answer.passwordChangeRequired && answer.passwordChangeToken) {
        return { kind: 'password-change', token: answer.passwordChangeToken }
      }
      this.accept(answer)
      return { kind: 'signed-in' }
    },

    /** A new access token from the refresh cookie; false when there is no session (or it ended). */
    async refresh(): Promise<boolean> {
      if (!refreshing) {
        refreshing = (async () => {
          try {
            this.accept(await api<TokenResponse>('/auth/session/refresh', { method: 'POST', csrf: true, noRefresh: true }))
            return true
          } catch (e) {
            if (e instanceof ApiError && e.status === 401) localStorage.removeItem(SIGNED_IN_MARK)
            return false
          } finally {
            refreshing = null
          }
        })()
      }
      return refreshing
    },

    /** After a reload: only a browser that signed in before asks (a fresh visitor's probe would be a logged 401). */
    async restore(): Promise<void> {
      if (!this.restored) {
        if (localStorage.getItem(SIGNED_IN_MARK)) await this.refresh()
        this.restored = true
      }
    },

    /** Ends the session on the server; an expired access token is refreshed first (the logout needs one). */
    async signOut(): Promise<void> {
      try {
        await api('/auth/session/logout', { method: 'POST', csrf: true })
      } finally {
        this.clear('')
      }
    },

    async reloadProfile(): Promise<void> {
      this.user = await api<Profile>('/auth/me')
    },

    accept(answer: TokenResponse) {
      if (!answer.accessToken || !answer.user) {
        throw new Error('the server answered without an access token')
      }
      this.accessToken = answer.accessToken
      this.user = answer.user
      this.expiresAt = Date.now() + (answer.expiresIn ?? 0) * 1000
      this.endedReason = ''
      localStorage.setItem(SIGNED_IN_MARK, '1')
      scheduleRefresh(this)
    },

    clear(reason: string) {
      this.accessToken = null
      this.user = null
      this.expiresAt = 0
      this.endedReason = reason
      localStorage.removeItem(SIGNED_IN_MARK)
      if (timer) clearTimeout(timer)
      timer = null
    },
  },
})

// Not a secret: it only says this browser holds a refresh cookie worth trying after a reload.
const SIGNED_IN_MARK = 'tf-signed-in'
let refreshing: Promise<boolean> | null = null
let timer: ReturnType<typeof setTimeout> | null = null

// Refresh 30 s before the access token expires, so live connections and open pages keep working.
function scheduleRefresh(session: ReturnType<typeof useSession>) {
  if (timer) clearTimeout(timer)
  const delay = Math.max(5_000, session.expiresAt - Date.now() - 30_000)
  timer = setTimeout(() => {
    void session.refresh()
  }, delay)
}

/** Connects the API client to the session: the token to send, how to refresh, what to do when it is gone. */
export function connectSession(session: ReturnType<typeof useSession>, onExpired: () => void) {
  useAuth({
    token: () => session.accessToken,
    refresh: () => session.refresh(),
    expired: () => {
      session.clear('Your session has ended. Sign in again.')
      onExpired()
    },
  })
}
