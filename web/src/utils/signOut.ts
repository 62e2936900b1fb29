import { useSessionStore } from '@/stores/session'

/**
 * Signs the user out and starts the app afresh at the sign-in page, without any `redirect`: the
 * next person to sign in in this browser must neither land on this user's page nor meet anything
 * of theirs kept in memory (stores, caches, loaded lists).
 */
export async function signOutAndRestart(): Promise<void> {
  await useSessionStore().logout()
  window.location.replace('/login')
}
