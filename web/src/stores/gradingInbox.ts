import { defineStore } from 'pinia'
import { ref } from 'vue'
import { gradingApi } from '@/api/servicelevel'
import { useSessionStore } from './session'

/**
 * How many grading proposals wait for the signed-in user's decision (the badge of 定级确认).
 * Refreshed when the layout opens, at most every half minute on navigation, and after the user
 * proposes or decides; a failing refresh keeps the last count.
 */
export const useGradingInboxStore = defineStore('gradingInbox', () => {
  const count = ref(0)
  let last = 0
  let userId: number | null = null

  async function refresh(): Promise<void> {
    const session = useSessionStore()
    if (!session.user) {
      count.value = 0
      return
    }
    if (session.user.id !== userId) count.value = 0
    userId = session.user.id
    last = Date.now()
    try {
      count.value = (await gradingApi.inboxQuietly()).length
    } catch {
      /* keep the last count */
    }
  }

  /** Refreshes unless the count is younger than `maxAgeMs`. */
  function refreshSoon(maxAgeMs = 30_000): void {
    const session = useSessionStore()
    if (session.user?.id !== userId || Date.now() - last > maxAgeMs) void refresh()
  }

  function set(value: number): void {
    count.value = Math.max(0, value)
    last = Date.now()
  }

  return { count, refresh, refreshSoon, set }
})
