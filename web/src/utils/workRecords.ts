/** Helpers of the work records' pages (运维记录): durations, presets and the default start. */

/** The longest piece of work one record holds (24 hours), as the server checks it. */
export const MAX_MINUTES = 24 * 60

/** The durations offered as one-click presets, in minutes. */
export const DURATION_PRESETS = [15, 30, 60, 120, 240] as const

/** The default start of a new record: half an hour ago, to the minute. */
export function defaultStart(now: Date): Date {
  const start = new Date(now.getTime() - 30 * 60_000)
  start.setSeconds(0, 0)
  return start
}

/** The end of a piece of work that started at `start` and lasted `minutes`. */
export function endOf(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000)
}

/** Minutes as hours with at most two decimals, as the export writes them: 90 → 1.5. */
export function hours(minutes: number): number {
  return Math.round((minutes * 100) / 60) / 100
}

/** A preset's label: “15 分钟”, “1 小时”, “2.5 小时” in the UI language. */
export function hoursText(minutes: number, t: (key: string, params?: Record<string, unknown>) => string): string {
  return minutes < 60 ? t('workRecords.presetMinutes', { n: minutes }) : t('workRecords.presetHours', { n: hours(minutes) })
}

/** The first and last day (yyyy-MM-dd) of a named period around `today`, weeks starting on Monday. */
export function periodOf(kind: 'week' | 'month' | 'lastMonth' | 'quarter' | 'year', today: Date): [string, string] {
  const y = today.getFullYear()
  const m = today.getMonth()
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  switch (kind) {
    case 'week': {
      const monday = new Date(y, m, today.getDate() - ((today.getDay() + 6) % 7))
      return [day(monday), day(new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6))]
    }
    case 'month':
      return [day(new Date(y, m, 1)), day(new Date(y, m + 1, 0))]
    case 'lastMonth':
      return [day(new Date(y, m - 1, 1)), day(new Date(y, m, 0))]
    case 'quarter': {
      const first = m - (m % 3)
      return [day(new Date(y, first, 1)), day(new Date(y, first + 3, 0))]
    }
    case 'year':
      return [day(new Date(y, 0, 1)), day(new Date(y, 11, 31))]
  }
}
