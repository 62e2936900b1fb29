import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'

/** What the navigation guard needs to know about the session. */
export interface GuardSession {
  signedIn: boolean
  passwordChangeRequired: boolean
  hasPermission: (permission: string) => boolean
  /** A requester without any permission: home is the self-service portal. */
  landsOnPortal?: boolean
}

export const LOGIN = 'login'
export const CHANGE_PASSWORD = 'change-password'
export const FORBIDDEN = 'forbidden'
export const HOME = 'home'
export const PORTAL = 'portal'

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string') return null
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null
  if (value.startsWith('/login')) return null
  return value
}

/**
 * Decides a navigation: `true` to allow it, or where to go instead.
 * - public pages (sign-in) are open; a signed-in user is sent on from the sign-in page;
 * - everything else needs a session, otherwise sign in (coming back afterwards);
 * - while a password change is required, only the change-password page is reachable;
 * - a route's `meta.permission` must be held, otherwise the 403 page;
 * - a requester without any permission lands in the self-service portal when arriving (from the
 *   sign-in page or opening the site); from the portal they may still go on to the workbench
 *   (定级确认, personal pages), so `from` another page of the site home is home.
 */
export function decideNavigation(to: RouteLocationNormalized, session: GuardSession, from?: RouteLocationNormalized): true | RouteLocationRaw {
  if (to.meta.public) {
    if (to.name === LOGIN && session.signedIn) {
      if (session.passwordChangeRequired) return { name: CHANGE_PASSWORD }
      return safeRedirect(to.query.redirect) ?? { name: HOME }
    }
    return true
  }
  if (!session.signedIn) {
    const redirect = to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : undefined
    return { name: LOGIN, query: redirect }
  }
  if (session.passwordChangeRequired && to.name !== CHANGE_PASSWORD) {
    return { name: CHANGE_PASSWORD }
  }
  const arriving = !from || !from.name || from.name === LOGIN || from.name === CHANGE_PASSWORD
  if (to.name === HOME && session.landsOnPortal && arriving) return { name: PORTAL }
  const permission = to.meta.permission
  if (permission && !session.hasPermission(permission)) {
    return { name: FORBIDDEN, query: { from: to.fullPath } }
  }
  return true
}
