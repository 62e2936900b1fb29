import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN.json'
import en from '@/locales/en.json'
import { ALERT_SOURCES, ALERT_STATES, CHECKS, NOTIFICATION_STEPS, QUIET_REASONS, RECURRENCES, ROUTE_CHANNELS, RULE_KINDS, RULE_ORIGINS, SCOPE_KINDS, SEVERITIES, TIMELINE_KINDS } from '@/api/alerting'
import { CHECK_VALUE_RANGE, DURATION_UNITS } from '@/utils/alerting'

type Tree = { [key: string]: string | Tree }

function has(tree: Tree, key: string): boolean {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return false
    node = node[part]
  }
  return typeof node === 'string' && node.trim() !== ''
}

describe('the alerting pages speak in words', () => {
  it('for every severity, state, source, kind, scope, check, recurrence, channel and timeline entry, in both languages', () => {
    const keys = [
      ...SEVERITIES.map((v) => `alerting.severity.${v}`),
      ...ALERT_STATES.map((v) => `alerting.state.${v}`),
      ...QUIET_REASONS.map((v) => `alerting.quiet.${v}`),
      ...ALERT_SOURCES.map((v) => `alerting.source.${v}`),
      ...TIMELINE_KINDS.map((v) => `alerting.timeline.kind.${v}`),
      'alerting.timeline.kind.other',
      ...NOTIFICATION_STEPS.map((v) => `alerting.timeline.step.${v}`),
      ...RULE_KINDS.flatMap((v) => [`alerting.ruleKind.${v}`, `alerting.ruleKindHint.${v}`]),
      ...RULE_ORIGINS.map((v) => `alerting.origin.${v}`),
      ...SCOPE_KINDS.map((v) => `alerting.scope.${v}`),
      'alerting.scope.MONITOR_TYPE',
      ...CHECKS.flatMap((v) => [`alerting.check.${v}`, `alerting.checkHint.${v}`]),
      ...Object.values(CHECK_VALUE_RANGE).map((r) => `alerting.checkValue.${r?.unit}`),
      ...RECURRENCES.map((v) => `alerting.recurrence.${v}`),
      ...ROUTE_CHANNELS.map((v) => `notify.channel.${v}`),
      ...DURATION_UNITS.map((v) => `alerting.unit.${v}`),
      ...['ACTIVE', 'PENDING', 'EXPIRED', 'ENDED'].map((v) => `alerting.silences.state.${v}`),
      ...['EXPRESSION', 'PROCESS_NEW', 'TRAP', 'DISK_FULL', 'other'].map((v) => `alerting.rules.previewReason.${v}`),
      ...['nameRequired', 'scopeRequired', 'metricRequired', 'thresholdRequired', 'recoveryOverlaps', 'checkRequired', 'checkValueRange', 'expressionRequired'].map((v) => `alerting.rules.problem.${v}`),
      ...['matcherRequired', 'reasonRequired', 'expiryRequired', 'expiryBeforeStart', 'expiryTooFar'].map((v) => `alerting.silences.problem.${v}`),
      ...['nameRequired', 'reasonRequired', 'scopeRequired', 'rangeRequired', 'rangeReversed', 'rangeTooLong', 'startTimeRequired', 'durationRange', 'daysRequired', 'validReversed'].map((v) => `alerting.maintenance.problem.${v}`),
      ...['nameRequired', 'recipientRequired', 'channelRequired', 'webhookNeedsRobot', 'robotNeedsWebhook', 'numberRange', 'escalationRecipientRequired'].map((v) => `alerting.routes.problem.${v}`),
    ]
    for (const key of keys) {
      expect(has(zhCN as Tree, key), `zh-CN ${key}`).toBe(true)
      expect(has(en as Tree, key), `en ${key}`).toBe(true)
    }
  })
})
