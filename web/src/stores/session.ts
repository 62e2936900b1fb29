import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi, type Session } from '@/api/auth'
import { ApiError } from '@/api/http'

/**
 * sessionStorage key: the user whose session ended while they were on the page a sign-in link's
 * `redirect` points to. Only that user is sent back there; anybody else starts at home.
 */
const REDIRECT_OWNER_KEY = 'opsguard.redirectOwner'

function browserSession(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

/** Remembers whose page the next sign-in's `redirect` is. */
export function rememberRedirectOwner(username: string): void {
  browserSession()?.setItem(REDIRECT_OWNER_KEY, username)
}

/**
 * Whether the user who just signed in may follow the sign-in link's `redirect`: yes unless the
 * link was left by another user's ended session. Forgets the owner either way.
 */
export function mayFollowRedirect(username: string): boolean {
  const storage = browserSession()
  const owner = storage?.getItem(REDIRECT_OWNER_KEY) ?? null
  storage?.removeItem(REDIRECT_OWNER_KEY)
  return owner === null || owner.toLowerCase() === username.toLowerCase()
}

/** Who is signed in, with which permissions; loaded from `GET /auth/session`. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<Session | null>(null)
  /** True once the first `GET /auth/session` has answered (signed in or not). */
  const loaded = ref(false)

  const signedIn = computed(() => session.value !== null)
  const user = computed(() => session.value?.user ?? null)
  const permissions = computed(() => new Set(session.value?.permissions ?? []))
  const passwordChangeRequired = computed(() => session.value?.passwordChangeRequired === true)
  /** A requester (no permission at all) lands on the self-service portal. */
  const landsOnPortal = computed(() => session.value !== null && permissions.value.size === 0)

  function hasPermission(permission: string | undefined | null): boolean {
    if (!permission) return true
    return permissions.value.has(permission)
  }

  /** Reloads the session; answers it, or null when not signed in (or the server is unreachable). */
  async function load(): Promise<Session | null> {
    try {
      session.value = await authApi.session()
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      session.value = null
    } finally {
      loaded.value = true
    }
    return session.value
  }

  async function login(username: string, password: string): Promise<Session | null> {
    session.value = await authApi.login(username, password)
    // Read the session again: it also hands out the XSRF cookie for the new session.
    return (await load()) ?? session.value
  }

  /**
   * Signs out on the server and forgets the user here: the session, and what this browser tab kept
   * for them (sessionStorage: dismissed notices, where to go back to). The caller then reloads the
   * app at the sign-in page, which drops every other store and cache of the previous user.
   */
  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch {
      /* the session may already be gone: signing out locally is what matters */
    }
    clear()
    browserSession()?.clear()
  }

  function clear(): void {
    session.value = null
  }

  /** The server said the password must be changed first (403 IDN-0004). */
  function markPasswordChangeRequired(): void {
    if (session.value && !session.value.passwordChangeRequired) {
      session.value = { ...session.value, passwordChangeRequired: true }
    }
  }

  return {
    session,
    loaded,
    signedIn,
    user,
    passwordChangeRequired,
    landsOnPortal,
    hasPermission,
    load,
    login,
    logout,
    clear,
    markPasswordChangeRequired,
  }
})
