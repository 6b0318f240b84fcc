import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { TokenResponse } from '../api/types'

const calls: { path: string; body: unknown }[] = []
let answers: TokenResponse[] = []

vi.mock('../api/client', () => ({
  ApiError: class extends Error {},
  useAuth: () => {},
  api: async (path: string, options: { body?: unknown }) => {
    calls.push({ path, body: options.body })
    const answer = answers.shift()
    if (!answer) throw new Error(`no answer for ${path}`)
    return answer
  },
}))

const { useSession } = await import('./session')

const profile = {
  id: 'u1', email: 'new@example.com', firstName: 'New', lastName: 'User', organizationId: 'o1', workspaceId: null,
  tenantId: null, roles: ['Viewer'], permissions: ['logs:read'], scopedGrants: [],
}
const signedIn: TokenResponse = { tokenType: 'Bearer', accessToken: 'access', expiresIn: 900, sessionId: 's1', user: profile }

describe('session sign-in steps', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    calls.length = 0
    answers = []
    localStorage.clear()
  })

  it('asks for the own password when the administrator chose it, and signs in only with it', async () => {
    const session = useSession()
    answers = [{ passwordChangeRequired: true, passwordChangeToken: 'ticket', passwordChangeTokenExpiresIn: 600 }, signedIn]

    expect(await session.signIn('new@example.com', 'Admin-Chosen-1!')).toEqual({ kind: 'password-change', token: 'ticket' })
    expect(session.signedIn).toBe(false)
    expect(localStorage.getItem('tf-signed-in')).toBeNull()

    await session.completePasswordChange('ticket', 'My-Own-Passphrase-1')
    expect(calls[1]).toEqual({
      path: '/auth/session/complete-password-change', body: { passwordChangeToken: 'ticket', newPassword: 'My-Own-Passphrase-1' },
    })
    expect(session.signedIn).toBe(true)
    expect(session.accessToken).toBe('access')
    expect(session.displayName).toBe('New User')
  })

  it('asks for the code first and then for the own password', async () => {
    const session = useSession()
    answers = [
      { mfaRequired: true, mfaToken: 'mfa', mfaTokenExpiresIn: 300 },
      { passwordChangeRequired: true, passwordChangeToken: 'after-mfa', passwordChangeTokenExpiresIn: 600 },
    ]

    expect(await session.signIn('new@example.com', 'Admin-Chosen-1!')).toEqual({ kind: 'mfa', mfaToken: 'mfa' })
    expect(await session.completeMfa('mfa', '123456')).toEqual({ kind: 'password-change', token: 'after-mfa' })
    expect(calls.map((c) => c.path)).toEqual(['/auth/session/login', '/auth/session/validate-mfa'])
    expect(session.signedIn).toBe(false)
  })

  it('signs in at once when no step is left', async () => {
    const session = useSession()
    answers = [signedIn, { mfaRequired: true, mfaToken: 'mfa' }, signedIn]

    expect(await session.signIn('old@example.com', 'Own-Passphrase-1')).toEqual({ kind: 'signed-in' })
    expect(session.signedIn).toBe(true)
    session.clear('')
    await session.signIn('old@example.com', 'Own-Passphrase-1')
    expect(await session.completeMfa('mfa', '123456')).toEqual({ kind: 'signed-in' })
    expect(session.signedIn).toBe(true)
  })

  it('refuses an answer that is neither a step nor a session', async () => {
    const session = useSession()
    answers = [{ passwordChangeRequired: true }]

    await expect(session.signIn('new@example.com', 'x')).rejects.toThrow('without an access token')
    expect(session.signedIn).toBe(false)
  })
})
