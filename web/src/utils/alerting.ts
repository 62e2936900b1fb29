import type {
  Alert,
  Check,
  NotificationRoute,
  RouteInput,
  MaintenanceInput,
  MaintenanceWindow,
  Operator,
  Recurrence,
  Rule,
  RuleInput,
  RuleKind,
  ScopeKind,
  Severity,
  Silence,
  SilenceInput,
} from '@/api/alerting'
import { TIMELINE_KINDS } from '@/api/alerting'

/**
 * Pure rules of the alerting pages: severity colours and order, durations in words, the window of
 * an alert's graph, the rule editor's form and its conversion to what the server takes, the checks
 * the silence and maintenance dialogs make before asking the server, what is in effect now. No
 * Vue, no i18n instance: texts come back as locale keys with parameters, or in the language passed.
 */

type Lang = 'zh-CN' | 'en'

// ---------------------------------------------------------------- severities

/** 紧急 red, 重要 orange, 次要 yellow, 提示 blue: background, border and text of a tag. */
export const SEVERITY_COLOUR: Record<Severity, { background: string; border: string; text: string; solid: string }> = {
  CRITICAL: { background: '#fdecea', border: '#f3b4ae', text: '#c0261b', solid: '#d93026' },
  MAJOR: { background: '#fff1e3', border: '#f8c48f', text: '#b5520a', solid: '#e8710a' },
  MINOR: { background: '#fff9db', border: '#f0d86e', text: '#8a6d00', solid: '#e0b400' },
  INFO: { background: '#e8f1fc', border: '#a9c8ef', text: '#1d5fb4', solid: '#2f7ddb' },
}

/** 1 for critical … 4 for info. */
export function severityRank(severity: Severity | string | null | undefined): number {
  switch (severity) {
    case 'CRITICAL':
      return 1
    case 'MAJOR':
      return 2
    case 'MINOR':
      return 3
    case 'INFO':
      return 4
    default:
      return 5
  }
}

/** The alert wall's order: most severe first, then newest first. */
export function wallOrder(a: Pick<Alert, 'severity' | 'startedAt' | 'id'>, b: Pick<Alert, 'severity' | 'startedAt' | 'id'>): number {
  const bySeverity = severityRank(a.severity) - severityRank(b.severity)
  if (bySeverity) return bySeverity
  const byTime = Date.parse(b.startedAt) - Date.parse(a.startedAt)
  return byTime || b.id - a.id
}

/** The alerts of a list that started last (the wall highlights them); none when all started together long ago. */
export function newestIds(alerts: Pick<Alert, 'id' | 'startedAt'>[], now: number, withinMillis = 5 * 60_000): Set<number> {
  return new Set(alerts.filter((a) => now - Date.parse(a.startedAt) <= withinMillis).map((a) => a.id))
}

/** How many alerts of each severity. */
export function countBySeverity(alerts: Pick<Alert, 'severity'>[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { CRITICAL: 0, MAJOR: 0, MINOR: 0, INFO: 0 }
  for (const alert of alerts) if (alert.severity in counts) counts[alert.severity]++
  return counts
}

// ---------------------------------------------------------------- durations

/** Seconds of an ISO-8601 duration (`PT3M20S`, `P1DT2H`, `-PT5S` → 0); null when unreadable. */
export function parseIsoDuration(text: string | null | undefined): number | null {
  if (!text) return null
  const match = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(-?\d+(?:\.\d+)?)H)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/.exec(text.trim())
  if (!match || text.trim() === 'P' || text.trim() === 'PT') return null
  const [, minus, d, h, m, s] = match
  const seconds = Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)
  return minus ? -seconds : seconds
}

const DURATION_WORDS: Record<Lang, { d: string; h: string; min: string; s: string; sep: string }> = {
  'zh-CN': { d: ' 天', h: ' 小时', min: ' 分', s: ' 秒', sep: ' ' },
  en: { d: ' d', h: ' h', min: ' min', s: ' s', sep: ' ' },
}

/** A duration in two units at most, as people read it: `3 分 20 秒`, `2 天 4 小时`, `45 s`. */
export function formatDuration(seconds: number | null | undefined, lang: Lang = 'zh-CN'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  const w = DURATION_WORDS[lang]
  const total = Math.max(0, Math.floor(seconds))
  const days = Math.floor(total / 86400)
  const hours = Math.floor((total % 86400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const secs = total % 60
  const parts: string[] = []
  if (days) parts.push(`${days}${w.d}`, ...(hours ? [`${hours}${w.h}`] : []))
  else if (hours) parts.push(`${hours}${w.h}`, ...(minutes ? [`${minutes}${w.min}`] : []))
  else if (minutes) parts.push(`${minutes}${w.min}`, ...(secs ? [`${secs}${w.s}`] : []))
  else parts.push(`${secs}${w.s}`)
  return parts.join(w.sep)
}

/** The same for an ISO-8601 duration. */
export function formatIsoDuration(text: string | null | undefined, lang: Lang = 'zh-CN'): string {
  return formatDuration(parseIsoDuration(text), lang)
}

/** An alert's duration now: the server's at the time it answered, for open alerts grown by the time since. */
export function liveDurationSeconds(alert: Pick<Alert, 'startedAt' | 'resolvedAt' | 'duration'>, now: number): number {
  if (alert.resolvedAt) return parseIsoDuration(alert.duration) ?? Math.max(0, (Date.parse(alert.resolvedAt) - Date.parse(alert.startedAt)) / 1000)
  return Math.max(0, Math.floor((now - Date.parse(alert.startedAt)) / 1000))
}

export const DURATION_UNITS = ['seconds', 'minutes', 'hours'] as const
export type DurationUnit = (typeof DURATION_UNITS)[number]
const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600 }

/** A number of seconds as the editor's value and unit: the largest unit that divides it. */
export function durationParts(seconds: number | null | undefined): { value: number; unit: DurationUnit } {
  const s = Math.max(0, Math.round(seconds ?? 0))
  if (s === 0) return { value: 0, unit: 'minutes' }
  if (s % 3600 === 0) return { value: s / 3600, unit: 'hours' }
  if (s % 60 === 0) return { value: s / 60, unit: 'minutes' }
  return { value: s, unit: 'seconds' }
}

export function durationSeconds(value: number | null | undefined, unit: DurationUnit): number {
  return Math.max(0, Math.round((value ?? 0) * UNIT_SECONDS[unit]))
}

// ---------------------------------------------------------------- timeline

/** The locale key of a timeline entry's kind; unknown kinds read as "其他记录". */
export function timelineKindKey(kind: string): string {
  return (TIMELINE_KINDS as readonly string[]).includes(kind) ? `alerting.timeline.kind.${kind}` : 'alerting.timeline.kind.other'
}

/** The colour of a timeline entry's dot. */
export function timelineColour(kind: string): string {
  switch (kind) {
    case 'FIRED':
    case 'REOPENED':
      return SEVERITY_COLOUR.CRITICAL.solid
    case 'FLAPPING':
    case 'CAPPED':
    case 'SEVERITY':
    case 'UNROUTED':
      return SEVERITY_COLOUR.MAJOR.solid
    case 'ACKNOWLEDGED':
    case 'ACK_BY_LINK':
    case 'TICKET_OPENED':
    case 'TICKET_JOINED':
      return '#1f5fae'
    case 'RESOLVED':
    case 'RESOLVED_BY_HAND':
    case 'STABLE':
    case 'TICKET_RESOLVED':
    case 'TICKET_CLOSED':
      return '#2f7d4f'
    default:
      return '#8492a6'
  }
}

/**
 * A NOTIFIED entry's detail (`REPEAT · 核心网络 (#3) · 2`) as its step, route and number of
 * recipients; null when written otherwise.
 */
export function notifiedParts(detail: string | null | undefined): { step: string; route: string; recipients: number } | null {
  if (!detail) return null
  const parts = detail.split(' · ')
  if (parts.length < 3) return null
  const recipients = Number(parts[parts.length - 1])
  if (!Number.isInteger(recipients)) return null
  return { step: parts[0], route: parts.slice(1, -1).join(' · '), recipients }
}

// ---------------------------------------------------------------- the metric graph of an alert

/** A series' text form split: `cpu_usage{monitor="3",resource="7"}` → metric and labels. */
export function parseSeries(text: string | null | undefined): { metric: string; labels: Record<string, string> } | null {
  if (!text) return null
  const brace = text.indexOf('{')
  if (brace < 0) return /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(text.trim()) ? { metric: text.trim(), labels: {} } : null
  const metric = text.substring(0, brace).trim()
  if (!metric || !text.trim().endsWith('}')) return null
  const labels: Record<string, string> = {}
  const body = text.substring(brace + 1, text.lastIndexOf('}'))
  const pattern = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/g
  let consumed = 0
  for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
    if (m.index !== consumed) return null
    labels[m[1]] = m[2].replace(/\\(["\\])/g, '$1').replace(/\\n/g, '\n')
    consumed = pattern.lastIndex
  }
  if (body.substring(consumed).trim()) return null
  return { metric, labels }
}

const HOUR = 3_600_000
const TEN_MINUTES = 600_000

/** The graph around a firing: from an hour before it started to ten minutes after it ended (or now). */
export function alertChartRange(alert: Pick<Alert, 'startedAt' | 'resolvedAt'>, now: number): { from: number; to: number; firingFrom: number; firingTo: number } {
  const started = Date.parse(alert.startedAt)
  const ended = alert.resolvedAt ? Date.parse(alert.resolvedAt) : now
  return { from: started - HOUR, to: Math.max(ended, started) + TEN_MINUTES, firingFrom: started, firingTo: ended }
}

// ---------------------------------------------------------------- the rule editor

/** What the rule editor holds; converted to {@link RuleInput} by {@link ruleInputOf}. */
export interface RuleForm {
  name: string
  description: string
  kind: RuleKind
  severity: Severity
  scopeKind: ScopeKind
  /** RESOURCE, ORGANISATION, BUSINESS_SYSTEM: an id. */
  scopeId: number | null
  /** CLASS: a class code; TAG: a tag; MONITOR_TYPE: a type id (read-only). */
  scopeText: string
  /** The scope's name as the server gave it, to show before anything is searched. */
  scopeLabel: string | null
  metric: string | null
  instance: string
  operator: Operator
  threshold: number | null
  forValue: number
  forUnit: DurationUnit
  withRecovery: boolean
  recoveryOperator: Operator
  recoveryThreshold: number | null
  recoveryValue: number
  recoveryUnit: DurationUnit
  check: Check | null
  checkValue: number | null
  expression: string
  enabled: boolean
  notifies: boolean
  openIncident: boolean
}

export function emptyRuleForm(): RuleForm {
  return {
    name: '',
    description: '',
    kind: 'THRESHOLD',
    severity: 'MAJOR',
    scopeKind: 'ALL',
    scopeId: null,
    scopeText: '',
    scopeLabel: null,
    metric: null,
    instance: '',
    operator: '>',
    threshold: null,
    forValue: 0,
    forUnit: 'minutes',
    withRecovery: false,
    recoveryOperator: '<',
    recoveryThreshold: null,
    recoveryValue: 0,
    recoveryUnit: 'minutes',
    check: null,
    checkValue: null,
    expression: '',
    enabled: true,
    notifies: true,
    openIncident: false,
  }
}

const ID_SCOPES: ScopeKind[] = ['RESOURCE', 'ORGANISATION', 'BUSINESS_SYSTEM']

/** Whether a scope names an id (resource, organisation, business system) rather than a text. */
export function scopeTakesId(scope: ScopeKind): boolean {
  return ID_SCOPES.includes(scope)
}

/** A rule as the editor shows it. */
export function ruleFormOf(rule: Rule): RuleForm {
  const forParts = durationParts(rule.forSeconds)
  const recoveryParts = durationParts(rule.recoverySeconds)
  const id = scopeTakesId(rule.scopeKind) && rule.scopeValue !== null ? Number(rule.scopeValue) : null
  return {
    name: rule.name,
    description: rule.description ?? '',
    kind: rule.kind,
    severity: rule.severity,
    scopeKind: rule.scopeKind,
    scopeId: id !== null && Number.isFinite(id) ? id : null,
    scopeText: scopeTakesId(rule.scopeKind) ? '' : (rule.scopeValue ?? ''),
    scopeLabel: rule.scopeName,
    metric: rule.metric,
    instance: rule.instance ?? '',
    operator: rule.operator ?? '>',
    threshold: rule.threshold,
    forValue: forParts.value,
    forUnit: forParts.unit,
    withRecovery: rule.recoveryOperator !== null,
    recoveryOperator: rule.recoveryOperator ?? defaultRecoveryOperator(rule.operator ?? '>'),
    recoveryThreshold: rule.recoveryThreshold,
    recoveryValue: recoveryParts.value,
    recoveryUnit: recoveryParts.unit,
    check: rule.check,
    checkValue: rule.checkValue,
    expression: rule.expression ?? '',
    enabled: rule.enabled,
    notifies: rule.notifies,
    openIncident: rule.openIncident,
  }
}

/** The recovery comparison that leaves a gap from the trigger: `> 90` recovers on `<` (e.g. `< 80`). */
export function defaultRecoveryOperator(trigger: Operator): Operator {
  switch (trigger) {
    case '>':
    case '>=':
      return '<'
    case '<':
    case '<=':
      return '>'
    default:
      return '<'
  }
}

/** The server's hysteresis rule: an alert on `> 90` may recover on `< 80`, never on a value that still triggers. */
export function hysteresisValid(trigger: Operator, threshold: number, recovery: Operator, level: number): boolean {
  if (trigger === '>' || trigger === '>=') return (recovery === '<' || recovery === '<=') && level <= threshold
  if (trigger === '<' || trigger === '<=') return (recovery === '>' || recovery === '>=') && level >= threshold
  return false
}

/** The scope value the server takes: an id as text, a code or tag trimmed, nothing for ALL. */
export function scopeValueOf(form: Pick<RuleForm, 'scopeKind' | 'scopeId' | 'scopeText'>): string | null {
  if (form.scopeKind === 'ALL') return null
  if (scopeTakesId(form.scopeKind)) return form.scopeId === null ? null : String(form.scopeId)
  const text = form.scopeText.trim()
  return text || null
}

/** The checks that take a value, with the range the server accepts. */
export const CHECK_VALUE_RANGE: Partial<Record<Check, { min: number; max: number; unit: 'intervals' | 'days' | 'percent'; defaultValue: number }>> = {
  COLLECTION_FAILING: { min: 1, max: 100, unit: 'intervals', defaultValue: 3 },
  CERT_EXPIRING: { min: 1, max: 3650, unit: 'days', defaultValue: 30 },
  DISK_FULL: { min: 1, max: 3650, unit: 'days', defaultValue: 7 },
  BASELINE: { min: 0, max: 1000, unit: 'percent', defaultValue: 20 },
}

/** Whether a check reads the rule's metric (the baseline band does). */
export function checkNeedsMetric(check: Check | null): boolean {
  return check === 'BASELINE'
}

/** Checks reacting to events (a trap, a new process) have no duration. */
export function checkIsEvent(check: Check | null): boolean {
  return check === 'PROCESS_NEW' || check === 'TRAP'
}

/**
 * The rule as the server takes it: only the fields of its kind, durations in seconds, the scope's
 * value as text; a template rule's scope is the server's to keep.
 */
export function ruleInputOf(form: RuleForm, version?: number | null): RuleInput {
  const input: RuleInput = {
    name: form.name.trim() || null,
    description: form.description.trim() || null,
    kind: form.kind,
    scopeKind: form.scopeKind,
    scopeValue: form.scopeKind === 'MONITOR_TYPE' ? form.scopeText || null : scopeValueOf(form),
    severity: form.severity,
    enabled: form.enabled,
    notifies: form.notifies,
    openIncident: form.openIncident,
    forSeconds: durationSeconds(form.forValue, form.forUnit),
  }
  if (form.kind === 'THRESHOLD') {
    input.metric = form.metric
    input.instance = form.instance.trim() || null
    input.operator = form.operator
    input.threshold = form.threshold
    if (form.withRecovery) {
      input.recoveryOperator = form.recoveryOperator
      input.recoveryThreshold = form.recoveryThreshold
      input.recoverySeconds = durationSeconds(form.recoveryValue, form.recoveryUnit)
    }
  } else if (form.kind === 'AVAILABILITY') {
    input.check = form.check
    input.checkValue = form.check && CHECK_VALUE_RANGE[form.check] ? form.checkValue : null
    if (checkNeedsMetric(form.check)) input.metric = form.metric
    if (checkIsEvent(form.check)) input.forSeconds = 0
  } else {
    input.expression = form.expression.trim()
  }
  if (version !== undefined && version !== null) input.version = version
  return input
}

/** A problem of one field as a locale key under `alerting.rules.problem.` with its parameters. */
export interface FormProblem {
  key: string
  params?: Record<string, unknown>
}

/** The checks the editor makes before asking the server (which checks everything again). */
export function ruleProblems(form: RuleForm): Partial<Record<string, FormProblem>> {
  const problems: Partial<Record<string, FormProblem>> = {}
  if (!form.name.trim()) problems.name = { key: 'nameRequired' }
  if (form.scopeKind !== 'ALL' && form.scopeKind !== 'MONITOR_TYPE' && scopeValueOf(form) === null) problems.scopeValue = { key: 'scopeRequired' }
  if (form.kind === 'THRESHOLD') {
    if (!form.metric) problems.metric = { key: 'metricRequired' }
    if (form.threshold === null || form.threshold === undefined || !Number.isFinite(form.threshold)) problems.threshold = { key: 'thresholdRequired' }
    if (form.withRecovery) {
      if (form.recoveryThreshold === null || form.recoveryThreshold === undefined || !Number.isFinite(form.recoveryThreshold)) {
        problems.recoveryThreshold = { key: 'thresholdRequired' }
      } else if (form.threshold !== null && Number.isFinite(form.threshold) && !hysteresisValid(form.operator, form.threshold, form.recoveryOperator, form.recoveryThreshold)) {
        problems.recoveryThreshold = { key: 'recoveryOverlaps', params: { trigger: `${form.operator} ${form.threshold}` } }
      }
    }
  } else if (form.kind === 'AVAILABILITY') {
    if (!form.check) problems.check = { key: 'checkRequired' }
    const range = form.check ? CHECK_VALUE_RANGE[form.check] : undefined
    if (range && (form.checkValue === null || form.checkValue === undefined || form.checkValue < range.min || form.checkValue > range.max)) {
      problems.checkValue = { key: 'checkValueRange', params: { min: range.min, max: range.max } }
    }
    if (checkNeedsMetric(form.check) && !form.metric) problems.metric = { key: 'metricRequired' }
  } else if (!form.expression.trim()) {
    problems.expression = { key: 'expressionRequired' }
  }
  return problems
}

/** What a template rule's override may change (RuleService.override takes the rest from the template). */
export function overrideInputOf(form: Pick<RuleForm, 'operator' | 'threshold' | 'forValue' | 'forUnit' | 'severity' | 'enabled'>, version?: number | null): Partial<RuleInput> {
  return {
    operator: form.operator,
    threshold: form.threshold,
    forSeconds: durationSeconds(form.forValue, form.forUnit),
    severity: form.severity,
    enabled: form.enabled,
    ...(version !== undefined && version !== null ? { version } : {}),
  }
}

// ---------------------------------------------------------------- silences

export const SILENCE_MAX_DAYS = 90

/** Whether a silence holds now. */
export function silenceActive(silence: Pick<Silence, 'endedAt' | 'startsAt' | 'expiresAt'>, now: number): boolean {
  return !silence.endedAt && Date.parse(silence.startsAt) <= now && now < Date.parse(silence.expiresAt)
}

/** The checks of the silence dialog: a matcher at least, a reason, an expiry after the start, within 90 days. */
export function silenceProblems(input: SilenceInput, now: number): Partial<Record<'matcher' | 'reason' | 'expiresAt', FormProblem>> {
  const problems: Partial<Record<'matcher' | 'reason' | 'expiresAt', FormProblem>> = {}
  const anyMatcher =
    input.ruleId != null || input.ciId != null || !!input.severity || !!input.classCode?.trim() || input.organisationId != null || !!input.tag?.trim() || input.businessSystemId != null
  if (!anyMatcher) problems.matcher = { key: 'matcherRequired' }
  if (!input.reason.trim()) problems.reason = { key: 'reasonRequired' }
  if (!input.expiresAt) {
    problems.expiresAt = { key: 'expiryRequired' }
  } else {
    const expires = Date.parse(input.expiresAt)
    const starts = input.startsAt ? Date.parse(input.startsAt) : now
    if (!(expires > starts) || !(expires > now)) problems.expiresAt = { key: 'expiryBeforeStart' }
    else if (expires > now + SILENCE_MAX_DAYS * 86_400_000) problems.expiresAt = { key: 'expiryTooFar', params: { days: SILENCE_MAX_DAYS } }
  }
  return problems
}

// ---------------------------------------------------------------- maintenance windows

export const MAINTENANCE_MAX_MINUTES = 7 * 24 * 60
export const MAINTENANCE_ONCE_MAX_DAYS = 31

/** What the maintenance dialog holds. */
export interface MaintenanceForm {
  name: string
  reason: string
  scopeKind: ScopeKind
  scopeId: number | null
  scopeText: string
  scopeLabel: string | null
  recurrence: Recurrence
  /** ONCE: ISO instants. */
  range: [string, string] | null
  weekDays: number[]
  monthDays: number[]
  startTime: string
  durationMinutes: number
  /** Recurring: YYYY-MM-DD, optional. */
  validFrom: string | null
  validUntil: string | null
  enabled: boolean
}

export function emptyMaintenanceForm(): MaintenanceForm {
  return {
    name: '',
    reason: '',
    scopeKind: 'RESOURCE',
    scopeId: null,
    scopeText: '',
    scopeLabel: null,
    recurrence: 'ONCE',
    range: null,
    weekDays: [],
    monthDays: [],
    startTime: '22:00',
    durationMinutes: 120,
    validFrom: null,
    validUntil: null,
    enabled: true,
  }
}

export function maintenanceFormOf(window: MaintenanceWindow): MaintenanceForm {
  const id = scopeTakesId(window.scopeKind) && window.scopeValue !== null ? Number(window.scopeValue) : null
  return {
    name: window.name,
    reason: window.reason ?? '',
    scopeKind: window.scopeKind,
    scopeId: id !== null && Number.isFinite(id) ? id : null,
    scopeText: scopeTakesId(window.scopeKind) ? '' : (window.scopeValue ?? ''),
    scopeLabel: null,
    recurrence: window.recurrence,
    range: window.startsAt && window.endsAt ? [window.startsAt, window.endsAt] : null,
    weekDays: window.recurrence === 'WEEKLY' ? [...(window.days ?? [])].sort((a, b) => a - b) : [],
    monthDays: window.recurrence === 'MONTHLY' ? [...(window.days ?? [])].sort((a, b) => a - b) : [],
    startTime: window.startTime ?? '22:00',
    durationMinutes: window.durationMinutes ?? 120,
    validFrom: window.validFrom,
    validUntil: window.validUntil,
    enabled: window.enabled,
  }
}

export function maintenanceInputOf(form: MaintenanceForm, version?: number): MaintenanceInput {
  const once = form.recurrence === 'ONCE'
  return {
    name: form.name.trim(),
    reason: form.reason.trim(),
    scopeKind: form.scopeKind,
    scopeValue: scopeValueOf(form),
    recurrence: form.recurrence,
    startsAt: once && form.range ? form.range[0] : null,
    endsAt: once && form.range ? form.range[1] : null,
    days: form.recurrence === 'WEEKLY' ? form.weekDays : form.recurrence === 'MONTHLY' ? form.monthDays : null,
    startTime: once ? null : form.startTime,
    durationMinutes: once ? null : form.durationMinutes,
    validFrom: once ? null : form.validFrom,
    validUntil: once ? null : form.validUntil,
    enabled: form.enabled,
    ...(version !== undefined ? { version } : {}),
  }
}

/** The checks of the maintenance dialog. */
export function maintenanceProblems(form: MaintenanceForm): Partial<Record<string, FormProblem>> {
  const problems: Partial<Record<string, FormProblem>> = {}
  if (!form.name.trim()) problems.name = { key: 'nameRequired' }
  if (!form.reason.trim()) problems.reason = { key: 'reasonRequired' }
  if (form.scopeKind !== 'ALL' && scopeValueOf(form) === null) problems.scopeValue = { key: 'scopeRequired' }
  if (form.recurrence === 'ONCE') {
    if (!form.range) problems.range = { key: 'rangeRequired' }
    else {
      const [from, to] = form.range.map((v) => Date.parse(v))
      if (!(to > from)) problems.range = { key: 'rangeReversed' }
      else if (to - from > MAINTENANCE_ONCE_MAX_DAYS * 86_400_000) problems.range = { key: 'rangeTooLong', params: { days: MAINTENANCE_ONCE_MAX_DAYS } }
    }
  } else {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.startTime)) problems.startTime = { key: 'startTimeRequired' }
    if (!(form.durationMinutes >= 1 && form.durationMinutes <= MAINTENANCE_MAX_MINUTES)) problems.durationMinutes = { key: 'durationRange', params: { max: MAINTENANCE_MAX_MINUTES } }
    if (form.recurrence === 'WEEKLY' && !form.weekDays.length) problems.days = { key: 'daysRequired' }
    if (form.recurrence === 'MONTHLY' && !form.monthDays.length) problems.days = { key: 'daysRequired' }
    if (form.validFrom && form.validUntil && form.validUntil < form.validFrom) problems.validUntil = { key: 'validReversed' }
  }
  return problems
}

function localDate(millis: number): string {
  const d = new Date(millis)
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/**
 * Whether a window is open at an instant (MaintenanceWindows.isOpen), recurring ones in the
 * browser's time zone (the site's, for people on duty there).
 */
export function maintenanceOpen(window: Pick<MaintenanceWindow, 'enabled' | 'recurrence' | 'startsAt' | 'endsAt' | 'startTime' | 'durationMinutes' | 'days' | 'validFrom' | 'validUntil'>, at: number): boolean {
  if (!window.enabled) return false
  if (window.recurrence === 'ONCE') {
    return !!window.startsAt && !!window.endsAt && Date.parse(window.startsAt) <= at && at < Date.parse(window.endsAt)
  }
  const match = /^(\d{1,2}):(\d{2})$/.exec(window.startTime ?? '')
  if (!match || !window.durationMinutes) return false
  const minutes = window.durationMinutes
  const back = Math.floor(minutes / (24 * 60)) + 1
  const today = new Date(at)
  for (let d = back; d >= 0; d--) {
    const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - d, Number(match[1]), Number(match[2]))
    const date = localDate(day.getTime())
    if (window.validFrom && date < window.validFrom) continue
    if (window.validUntil && date > window.validUntil) continue
    const weekday = ((day.getDay() + 6) % 7) + 1
    const occurs =
      window.recurrence === 'DAILY' ||
      (window.recurrence === 'WEEKLY' && (window.days ?? []).includes(weekday)) ||
      (window.recurrence === 'MONTHLY' && (window.days ?? []).includes(day.getDate()))
    if (!occurs) continue
    const opens = day.getTime()
    const closes = opens + minutes * 60_000
    if (at >= opens && at < closes) return true
  }
  return false
}

// ---------------------------------------------------------------- notification routes

/** A new route: every severity, in-app and e-mail, the server's defaults for the timing. */
export function emptyRouteInput(): RouteInput {
  return {
    name: '',
    enabled: true,
    severities: [],
    organisationId: null,
    classCode: null,
    tag: null,
    businessSystemId: null,
    userIds: [],
    groupIds: [],
    endpointIds: [],
    channels: ['IN_APP', 'EMAIL'],
    groupWaitSeconds: 10,
    repeatMinutes: 0,
    escalateAfterMinutes: 0,
    escalateUserIds: [],
    escalateGroupIds: [],
    escalateVoice: false,
    capCount: 0,
    capPeriodMinutes: 60,
    notifyResolved: true,
    openIncident: false,
    continueMatching: false,
  }
}

export function routeInputOf(route: NotificationRoute): RouteInput {
  return {
    name: route.name,
    enabled: route.enabled,
    severities: [...route.severities],
    organisationId: route.organisationId,
    classCode: route.classCode,
    tag: route.tag,
    businessSystemId: route.businessSystemId,
    userIds: [...route.userIds],
    groupIds: [...route.groupIds],
    endpointIds: [...route.endpointIds],
    channels: [...route.channels],
    groupWaitSeconds: route.groupWaitSeconds,
    repeatMinutes: route.repeatMinutes,
    escalateAfterMinutes: route.escalateAfterMinutes,
    escalateUserIds: [...route.escalateUserIds],
    escalateGroupIds: [...route.escalateGroupIds],
    escalateVoice: route.escalateVoice,
    capCount: route.capCount,
    capPeriodMinutes: route.capPeriodMinutes,
    notifyResolved: route.notifyResolved,
    openIncident: route.openIncident,
    continueMatching: route.continueMatching,
    version: route.version,
  }
}

/** The checks of the route editor (the server checks every one again, and whether the people exist). */
export function routeProblems(input: RouteInput): Partial<Record<string, FormProblem>> {
  const problems: Partial<Record<string, FormProblem>> = {}
  if (!input.name.trim()) problems.name = { key: 'nameRequired' }
  if (!input.userIds.length && !input.groupIds.length && !input.endpointIds.length) problems.userIds = { key: 'recipientRequired' }
  if (!input.channels.length) problems.channels = { key: 'channelRequired' }
  else if (input.channels.includes('WEBHOOK') && !input.endpointIds.length) problems.channels = { key: 'webhookNeedsRobot' }
  else if (!input.channels.includes('WEBHOOK') && input.endpointIds.length) problems.endpointIds = { key: 'robotNeedsWebhook' }
  const range = (field: keyof RouteInput, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) problems[field] = { key: 'numberRange', params: { min, max } }
  }
  range('groupWaitSeconds', input.groupWaitSeconds, 0, 300)
  range('repeatMinutes', input.repeatMinutes, 0, 1440)
  range('escalateAfterMinutes', input.escalateAfterMinutes, 0, 1440)
  range('capPeriodMinutes', input.capPeriodMinutes, 1, 1440)
  if (!Number.isInteger(input.capCount) || input.capCount < 0) problems.capCount = { key: 'numberRange', params: { min: 0, max: '∞' } }
  if (input.escalateAfterMinutes > 0 && !input.escalateUserIds.length && !input.escalateGroupIds.length) problems.escalateUserIds = { key: 'escalationRecipientRequired' }
  return problems
}

/** Moves one entry of an order up (-1) or down (+1); the ids in their new order. */
export function moved(ids: number[], id: number, by: -1 | 1): number[] {
  const from = ids.indexOf(id)
  const to = from + by
  if (from < 0 || to < 0 || to >= ids.length) return ids
  const next = [...ids]
  next.splice(from, 1)
  next.splice(to, 0, id)
  return next
}

// ---------------------------------------------------------------- statistics

/** The bucket a period reads best in: hours for two days or less, else days. */
export function bucketFor(from: string, to: string): 'day' | 'hour' {
  const span = Date.parse(`${to}T23:59:59`) - Date.parse(`${from}T00:00:00`)
  return span <= 2 * 86_400_000 ? 'hour' : 'day'
}

/** The last `days` days up to today, as `YYYY-MM-DD` dates. */
export function lastDays(days: number, now: number): [string, string] {
  return [localDate(now - (days - 1) * 86_400_000), localDate(now)]
}
