import { useI18n } from 'vue-i18n'
import type { SlaTimer, TicketAction, TimerMetric } from '@/api/servicedesk'
import { dueStatus, spanText, timerStatus, type DueStatus, type SpanWords, type TimerStatus } from '@/utils/servicedesk'

/** The locale key of an action verb (`hand-back` → `ticketAction.handBack`). */
export function actionKey(action: TicketAction | string): string {
  return `ticketAction.${action.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`
}

/**
 * Words of the service desk in the UI language: enums, spans of time (“1 小时 20 分钟”), due
 * countdowns (“剩 25 分钟” / “超时 3 小时”) and SLA timers.
 */
export function useTicketWords() {
  const { t } = useI18n()
  const words: SpanWords = {
    days: (n) => t('servicedesk.span.days', { n }),
    hours: (n) => t('servicedesk.span.hours', { n }),
    minutes: (n) => t('servicedesk.span.minutes', { n }),
    moment: t('servicedesk.span.moment'),
  }

  const span = (seconds: number, days = true) => spanText(seconds, words, { days })

  /** “剩 1 小时 20 分钟” / “超时 5 分钟” / “—” for a due time (wall-clock). */
  function dueText(status: DueStatus): string {
    if (status.urgency === 'none') return '—'
    if (status.urgency === 'breached') return status.seconds < 0 ? t('servicedesk.due.over', { time: span(status.seconds) }) : t('servicedesk.due.breached')
    return t('servicedesk.due.left', { time: span(status.seconds) })
  }

  /** Remaining or overdue working time of a timer. */
  function timerText(status: TimerStatus): string {
    if (status.remaining < 0) return t('servicedesk.timer.over', { time: span(status.remaining, false) })
    if (status.urgency === 'breached') return t('servicedesk.due.breached')
    return t('servicedesk.timer.left', { time: span(status.remaining, false) })
  }

  /** A metric in words; a group clock with its group's name. */
  function metricText(metric: TimerMetric, groupName?: string | null): string {
    const name = t(`timerMetric.${metric}`)
    return metric === 'GROUP' && groupName ? t('servicedesk.timer.groupClock', { name: groupName }) : name
  }

  return {
    span,
    dueText,
    timerText,
    metricText,
    due: dueStatus,
    timer: (timer: Pick<SlaTimer, 'targetTime' | 'elapsed' | 'breached'>) => timerStatus(timer),
    actionText: (action: TicketAction | string) => t(actionKey(action)),
    /** A working duration (`PT8H`) in words. */
    workingText: (seconds: number) => span(seconds, false),
  }
}
