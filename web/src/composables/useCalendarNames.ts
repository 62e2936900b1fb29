import { ref } from 'vue'
import { calendarApi, type CalendarOption } from '@/api/calendar'
import { useSessionStore } from '@/stores/session'

/** Names of working calendars by code, in the UI language (the code itself without `calendar:calendar:read`). */
export function useCalendarNames() {
  const session = useSessionStore()
  const calendars = ref<CalendarOption[]>([])
  const loaded = ref(false)

  async function load(): Promise<void> {
    if (!session.hasPermission('calendar:calendar:read')) {
      loaded.value = true
      return
    }
    try {
      calendars.value = await calendarApi.options()
    } catch {
      /* shown by the HTTP client; codes are shown instead */
    } finally {
      loaded.value = true
    }
  }

  return {
    calendars,
    loaded,
    load,
    nameOf: (code: string | null | undefined) => (code ? (calendars.value.find((c) => c.code === code)?.name ?? code) : '—'),
    roundTheClock: (code: string | null | undefined) => calendars.value.find((c) => c.code === code)?.roundTheClock === true,
  }
}
