import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import en from './en.json'
import { ORGANISATION_TYPES, ROLE_DATA_SCOPES, USER_STATUSES } from '@/api/identity'
import { AUDIT_OUTCOMES } from '@/api/audit'
import { DUTIES, PASSWORD_CHANGE_REASONS } from '@/api/auth'
import { CHARACTER_CLASSES } from '@/utils/password'
import { MENU, menuLeaves } from '@/router/menu'
import {
  ATTRIBUTE_TYPES,
  BUSINESS_SYSTEM_CATEGORIES,
  CI_IMPORTANCES,
  CI_STATUSES,
  HISTORY_ACTIONS,
  IMPACT_DIRECTIONS,
  RELATION_DIRECTIONS,
  STANDBY_MODES,
} from '@/api/cmdb'
import { DAY_TYPES, SCHEDULE_FORMATS, SCHEDULE_KINDS, WEEKDAYS } from '@/api/calendar'
import { FAULT_LEVELS, HISTORY_EVENTS, SUPPORT_LINES, TICKET_ACTIONS, TICKET_CHANNELS, TICKET_QUEUES, TICKET_SORT_FIELDS, TICKET_STATES, TICKET_TYPES, TIMER_METRICS, TIMER_STATES, TIMER_STEP_KINDS } from '@/api/servicedesk'
import { actionKey } from '@/views/servicedesk/useTicketWords'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') result.set(path, value)
    else for (const [k, v] of flatten(value, path)) result.set(k, v)
  }
  return result
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : []
  })
}

const zh = flatten(zhCN as Tree)
const english = flatten(en as Tree)

describe('locale files', () => {
  it('have identical key sets', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
  })

  it('have no empty message', () => {
    for (const [key, value] of [...zh, ...english]) expect(value.trim(), key).not.toBe('')
  })

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, value] of zh) expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(value))
  })

  it('avoid characters vue-i18n would read as syntax', () => {
    for (const [key, value] of [...zh, ...english]) expect(/[@|]/.test(value), key).toBe(false)
  })

  it('contain every key the source uses literally', () => {
    const root = join(__dirname, '..')
    const missing: string[] = []
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!zh.has(match[1])) missing.push(`${file}: ${match[1]}`)
      for (const match of text.matchAll(/(?:titleKey|descriptionKey): '([a-zA-Z0-9_.]+)'/g)) if (!zh.has(match[1])) missing.push(`${file}: ${match[1]}`)
    }
    expect(missing).toEqual([])
  })

  it('translate every enum the UI shows', () => {
    const keys = [
      ...ORGANISATION_TYPES.map((v) => `organisationType.${v}`),
      ...ROLE_DATA_SCOPES.flatMap((v) => [`dataScope.${v}`, `dataScopeHint.${v}`]),
      ...USER_STATUSES.map((v) => `status.${v}`),
      ...AUDIT_OUTCOMES.map((v) => `outcome.${v}`),
      ...DUTIES.map((v) => `duty.${v}`),
      ...['ACTIVE', 'EXPIRED', 'REVOKED'].map((v) => `tokenStatus.${v}`),
      ...CHARACTER_CLASSES.map((v) => `password.class.${v}`),
      ...PASSWORD_CHANGE_REASONS.map((v) => `password.reason.${v}`),
      ...menuLeaves(MENU).map((e) => e.titleKey),
      ...CI_STATUSES.map((v) => `ciStatus.${v}`),
      ...CI_IMPORTANCES.map((v) => `ciImportance.${v}`),
      ...ATTRIBUTE_TYPES.flatMap((v) => [`attributeType.${v}`, `attributeTypeHint.${v}`]),
      ...HISTORY_ACTIONS.map((v) => `historyAction.${v}`),
      ...STANDBY_MODES.map((v) => `standbyMode.${v}`),
      ...RELATION_DIRECTIONS.map((v) => `relationDirection.${v}`),
      ...IMPACT_DIRECTIONS.flatMap((v) => [`impactDirection.${v}`, `impactDirectionHint.${v}`]),
      ...BUSINESS_SYSTEM_CATEGORIES.map((v) => `bsCategory.${v}`),
      ...['unsupportedFile', 'tooLarge', 'emptyFile'].map((v) => `cmdb.import.${v}`),
      ...DAY_TYPES.map((v) => `dayType.${v}`),
      ...SCHEDULE_KINDS.map((v) => `scheduleKind.${v}`),
      ...SCHEDULE_FORMATS.map((v) => `scheduleFormat.${v}`),
      ...WEEKDAYS.flatMap((v) => [`weekday.${v}`, `weekdayShort.${v}`]),
      ...['badStart', 'badEnd', 'endBeforeStart', 'overlap', 'tooMany', 'noWorkingTime', 'noMakeUpTime', 'missingFrom', 'rangeReversed', 'rangeTooLong', 'nameTooLong', 'holidayAndWorkday', 'zoneRequired'].map((v) => `calendar.problem.${v}`),
      ...['unsupportedFile', 'fileTooLarge', 'emptyFile'].map((v) => `calendar.import.${v}`),
      ...['added', 'changed', 'unchanged'].map((v) => `calendar.import.state.${v}`),
      ...Array.from({ length: 12 }, (_, i) => `calendar.year.months.m${i + 1}`),
      ...TICKET_TYPES.map((v) => `sl.ticketType.${v}`),
      ...TICKET_STATES.map((v) => `ticketState.${v}`),
      ...TICKET_ACTIONS.flatMap((v) => [actionKey(v), `servicedesk.action.hint.${actionKey(v).substring('ticketAction.'.length)}`]),
      ...HISTORY_EVENTS.map((v) => `ticketHistory.${v}`),
      ...TICKET_CHANNELS.map((v) => `ticketChannel.${v}`),
      ...TIMER_METRICS.map((v) => `timerMetric.${v}`),
      ...TIMER_STATES.map((v) => `timerState.${v}`),
      ...TIMER_STEP_KINDS.map((v) => `timerStep.${v}`),
      ...TICKET_QUEUES.flatMap((v) => [`ticketQueue.${v}`, `servicedesk.queue.empty.${v}`]),
      ...TICKET_SORT_FIELDS.flatMap((v) => [`servicedesk.sort.${v}_asc`, `servicedesk.sort.${v}_desc`]),
      ...FAULT_LEVELS.map((v) => `faultLevelMeaning.${v}`),
      ...SUPPORT_LINES.map((v) => `supportLine.${v}`),
      ...[1, 2, 3, 4, 5].map((v) => `servicedesk.rating.${v}`),
    ]
    for (const key of keys) expect(zh.has(key), key).toBe(true)
  })
})
