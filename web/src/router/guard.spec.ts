import { describe, expect, it } from 'vitest'
import type { RouteLocationNormalized } from 'vue-router'
import { decideNavigation, safeRedirect, type GuardSession } from './guard'

function to(name: string, fullPath: string, meta: Record<string, unknown> = {}, query: Record<string, string> = {}) {
  return { name, fullPath, path: fullPath, meta, query, params: {}, hash: '', matched: [], redirectedFrom: undefined } as unknown as RouteLocationNormalized
}

const signedOut: GuardSession = { signedIn: false, passwordChangeRequired: false, hasPermission: () => false }
const user = (permissions: string[], passwordChangeRequired = false): GuardSession => ({
  signedIn: true,
  passwordChangeRequired,
  hasPermission: (p) => permissions.includes(p),
})

describe('navigation guard', () => {
  it('sends visitors to sign in, remembering where they wanted to go', () => {
    expect(decideNavigation(to('users', '/identity/users?q=a'), signedOut)).toEqual({ name: 'login', query: { redirect: '/identity/users?q=a' } })
    expect(decideNavigation(to('login', '/login', { public: true }), signedOut)).toBe(true)
  })

  it('allows only the change-password page while a change is required', () => {
    const session = user(['identity:user:read'], true)
    expect(decideNavigation(to('users', '/identity/users', { permission: 'identity:user:read' }), session)).toEqual({ name: 'change-password' })
    expect(decideNavigation(to('change-password', '/change-password'), session)).toBe(true)
    expect(decideNavigation(to('login', '/login', { public: true }), session)).toEqual({ name: 'change-password' })
  })

  it('shows the 403 page without the route permission', () => {
    expect(decideNavigation(to('audit', '/audit', { permission: 'audit:log:read' }), user([]))).toEqual({
      name: 'forbidden',
      query: { from: '/audit' },
    })
    expect(decideNavigation(to('audit', '/audit', { permission: 'audit:log:read' }), user(['audit:log:read']))).toBe(true)
  })

  it('sends a signed-in user away from the sign-in page, to a safe place only', () => {
    expect(decideNavigation(to('login', '/login', { public: true }, { redirect: '/audit' }), user([]))).toBe('/audit')
    expect(decideNavigation(to('login', '/login', { public: true }, { redirect: '//evil.example' }), user([]))).toEqual({ name: 'home' })
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect('/identity/users')).toBe('/identity/users')
  })

  it('sends a requester without permissions home to the portal, and agents to the workbench', () => {
    const requester: GuardSession = { ...user([]), landsOnPortal: true }
    expect(decideNavigation(to('home', '/'), requester)).toEqual({ name: 'portal' })
    expect(decideNavigation(to('home', '/'), requester, to('login', '/login', { public: true }))).toEqual({ name: 'portal' })
    // from the portal a requester may go on to the workbench (定级确认, personal pages)
    expect(decideNavigation(to('home', '/'), requester, to('portal', '/portal'))).toBe(true)
    expect(decideNavigation(to('portal-tickets', '/portal/tickets'), requester)).toBe(true)
    expect(decideNavigation(to('home', '/'), user(['servicedesk:ticket:read']))).toBe(true)
    expect(decideNavigation(to('portal-rate', '/portal/rate/x', { public: true }), signedOut)).toBe(true)
  })
})
