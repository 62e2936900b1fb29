import { useI18n } from 'vue-i18n'
import type { Alert, Severity } from '@/api/alerting'
import { language } from '@/i18n'
import { formatDuration, formatIsoDuration, liveDurationSeconds } from '@/utils/alerting'
import { useMonitoringText } from '@/views/monitoring/useMonitoringText'

/**
 * The texts the alerting pages share: severities, states, why an alert is quiet, "3 分钟前" and
 * durations kept current by a clock ticking every 15 s, values in their unit.
 */
export function useAlertingText() {
  const { t } = useI18n()
  const monitoring = useMonitoringText()

  const severity = (s: Severity | string | null | undefined) => (s ? t(`alerting.severity.${s}`) : '')
  const state = (s: string | null | undefined) => (s ? t(`alerting.state.${s}`) : '')

  /** 已静默 / 维护中 / 由上级故障引起：核心交换机. */
  function quiet(alert: Pick<Alert, 'quietReason' | 'causedByCiName'>): string {
    if (!alert.quietReason) return ''
    if (alert.quietReason === 'CAUSED_BY_PARENT') {
      return alert.causedByCiName ? t('alerting.quiet.causedByNamed', { name: alert.causedByCiName }) : t('alerting.quiet.CAUSED_BY_PARENT')
    }
    return t(`alerting.quiet.${alert.quietReason}`)
  }

  /** How long an alert has been going on (open ones grow with the clock). */
  function lasting(alert: Pick<Alert, 'startedAt' | 'resolvedAt' | 'duration'>): string {
    return formatDuration(liveDurationSeconds(alert, monitoring.now.value), language.value)
  }

  const duration = (seconds: number | null | undefined) => formatDuration(seconds, language.value)
  const isoDuration = (text: string | null | undefined) => formatIsoDuration(text, language.value)

  const source = (s: string | null | undefined) => (s ? (['RULE', 'EVENT', 'ALERTMANAGER', 'ZABBIX', 'GENERIC'].includes(s) ? t(`alerting.source.${s}`) : s) : '')

  return { ...monitoring, t, severity, state, quiet, lasting, duration, isoDuration, source }
}
