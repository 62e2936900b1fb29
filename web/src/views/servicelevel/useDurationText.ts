import { useI18n } from 'vue-i18n'
import { formatDuration } from '@/utils/servicelevel'

/** Working durations in words of the UI language: `PT2H` → “2 小时”, `P1D` → “1 个工作日”. */
export function useDurationText() {
  const { t } = useI18n()
  const words = {
    minutes: (n: number) => t('sl.duration.minutes', { n }),
    hours: (n: number) => t('sl.duration.hours', { n }),
    days: (n: number) => t(n === 1 ? 'sl.duration.day' : 'sl.duration.days', { n }),
  }
  return {
    /** Empty durations as “—”. */
    durationText: (iso: string | null | undefined, empty = '—') => (iso ? formatDuration(iso, words) : empty),
  }
}
