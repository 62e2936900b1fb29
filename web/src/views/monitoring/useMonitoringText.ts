import { onBeforeUnmount, onMounted, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CiImportance } from '@/api/cmdb'
import { IMPORTANCE_INTERVALS } from '@/api/monitoring'
import { language } from '@/i18n'
import { formatDateTime } from '@/utils/format'
import { agoParts, formatAxis, formatValue } from '@/utils/monitoring'

/**
 * The texts the monitoring pages share: values in their unit, "3 分钟前" (kept current by a clock
 * ticking every 15 s while the page is open), intervals.
 */
export function useMonitoringText() {
  const { t } = useI18n()
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), 15_000)
  })
  onBeforeUnmount(() => clearInterval(timer))

  function ago(at: string | null | undefined): string {
    const parts = agoParts(at, now.value)
    return parts ? t(`monitoring.ago.${parts.unit}`, { n: parts.n }) : ''
  }

  const value = (v: number | null | undefined, unit: string | null | undefined) => formatValue(v, unit, language.value)
  const axis = (v: number, unit: string | null | undefined) => formatAxis(v, unit, language.value)

  /** `60 秒`, `5 分钟` for an interval. */
  function interval(seconds: number | null | undefined): string {
    if (!seconds) return ''
    return seconds % 60 === 0 && seconds >= 60 ? t('monitoring.interval.minutes', { n: seconds / 60 }) : t('monitoring.interval.seconds', { n: seconds })
  }

  /** "按重要性：核心 60 秒" */
  function byImportance(importance: CiImportance | null | undefined): string {
    if (!importance) return t('monitoring.interval.byImportanceAny')
    return t('monitoring.interval.byImportance', { importance: t(`ciImportance.${importance}`), interval: interval(IMPORTANCE_INTERVALS[importance]) })
  }

  return { t, now, ago, value, axis, interval, byImportance, dateTime: formatDateTime }
}
