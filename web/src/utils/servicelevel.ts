import {
  DEGREES,
  ESCALATION_RECIPIENTS,
  FAULT_LEVELS,
  GUARANTEE_LEVELS,
  IMPACTS,
  REALTIME_REQUIREMENTS,
  TICKET_TYPES,
  type Degree,
  type GradingModel,
  type MatrixItem,
  type RealtimeRequirement,
  type SlaDefinition,
  type SlaTarget,
  type SystemImpact,
  type LevelFigures,
  type TicketType,
} from '@/api/servicelevel'

/**
 * Pure helpers of the service-level pages: level colours, ISO working durations as number + unit
 * (and back), the HS/T 42 matrix as table rows with merged group cells, the grading model's
 * tables, the gap chart's figures, and the checks the SLA policy editor makes before saving (with
 * the server's field names, so both kinds of errors show at the same row; the server has the last
 * word).
 */

// ---------------------------------------------------------------- levels

/** Colours of the five guarantee levels (1 red … 5 grey-green) and of "not graded". */
export const LEVEL_COLOURS: Record<number, string> = {
  1: '#c0392b',
  2: '#e67e22',
  3: '#b7950b',
  4: '#2e86c1',
  5: '#5d8a6b',
}
export const UNGRADED_COLOUR = '#909399'

export function levelColour(level: number | null | undefined): string {
  return level !== null && level !== undefined && LEVEL_COLOURS[level] ? LEVEL_COLOURS[level] : UNGRADED_COLOUR
}

/** True for a guarantee level 1–5. */
export function isLevel(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
}

// ---------------------------------------------------------------- durations

export type DurationUnit = 'MINUTES' | 'HOURS' | 'DAYS'
export const DURATION_UNITS: DurationUnit[] = ['MINUTES', 'HOURS', 'DAYS']

export interface DurationParts {
  /** Working days of the calendar. */
  days: number
  hours: number
  minutes: number
}

const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

/** The parts of an ISO-8601 working duration (`PT1H30M`, `P2DT4H`); null when empty or unreadable. Seconds are dropped. */
export function parseDuration(iso: string | null | undefined): DurationParts | null {
  if (!iso) return null
  const text = iso.trim().toUpperCase()
  const match = ISO.exec(text)
  if (!match || text === 'P' || text.endsWith('T')) return null
  const days = Number(match[1] ?? 0)
  const totalMinutes = Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) + Math.floor(Number(match[4] ?? 0) / 60)
  return { days, hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 }
}

/** A duration as one number and unit, as the editor shows it. */
export interface DurationAmount {
  value: number
  unit: DurationUnit
}

/**
 * `PT30M` → 30 分钟, `PT8H` → 8 小时, `PT90M` → 90 分钟, `P1D` → 1 工作日. Null when empty,
 * unreadable, zero, or mixing working days with hours (`P2DT4H`: a working day is not a fixed
 * number of hours, so it cannot be one number).
 */
export function durationToAmount(iso: string | null | undefined): DurationAmount | null {
  const parts = parseDuration(iso)
  if (!parts) return null
  const minutes = parts.hours * 60 + parts.minutes
  if (parts.days && minutes) return null
  if (parts.days) return { value: parts.days, unit: 'DAYS' }
  if (!minutes) return null
  return minutes % 60 === 0 ? { value: minutes / 60, unit: 'HOURS' } : { value: minutes, unit: 'MINUTES' }
}

/**
 * The ISO text of a number and unit: 30 分钟 → `PT30M`, 8 小时 → `PT8H`, 1.5 小时 → `PT1H30M`,
 * 1 工作日 → `P1D`. Null for no value, zero, a negative value, a fraction of a minute or of a
 * working day.
 */
export function amountToDuration(value: number | null | undefined, unit: DurationUnit): string | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return null
  if (unit === 'DAYS') return Number.isInteger(value) ? `P${value}D` : null
  const minutes = unit === 'HOURS' ? value * 60 : value
  if (!Number.isInteger(Math.round(minutes * 1000) / 1000)) return null
  const whole = Math.round(minutes)
  const h = Math.floor(whole / 60)
  const m = whole % 60
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`
}

/** Words of the units, each with `{n}` (from the locale files). */
export interface DurationWords {
  minutes: (n: number) => string
  hours: (n: number) => string
  days: (n: number) => string
  /** Between the parts of a mixed duration (a space). */
  separator?: string
}

/** `PT2H` → “2 小时”, `P1D` → “1 个工作日”, `P2DT4H` → “2 个工作日 4 小时”; unreadable text as it is, empty as ''. */
export function formatDuration(iso: string | null | undefined, words: DurationWords): string {
  if (!iso) return ''
  const parts = parseDuration(iso)
  if (!parts) return iso
  const out: string[] = []
  if (parts.days) out.push(words.days(parts.days))
  if (parts.hours) out.push(words.hours(parts.hours))
  if (parts.minutes) out.push(words.minutes(parts.minutes))
  if (!out.length) return words.minutes(0)
  return out.join(words.separator ?? ' ')
}

/**
 * Compares two durations the way the server does before it knows the calendar: only when both
 * are in working days or both in time. Answers negative / 0 / positive, or null when they cannot
 * be compared without a calendar.
 */
export function compareDurations(a: string | null | undefined, b: string | null | undefined): number | null {
  const x = parseDuration(a)
  const y = parseDuration(b)
  if (!x || !y) return null
  if ((x.days === 0) !== (y.days === 0)) return null
  return x.days * 1440 + x.hours * 60 + x.minutes - (y.days * 1440 + y.hours * 60 + y.minutes)
}

// ---------------------------------------------------------------- the matrix

/** A row of the service-content matrix, with the spans of the merged category and group cells. */
export interface MatrixRow {
  code: string
  /** `系统维护服务` of `系统维护服务 · 基础系统保障`. */
  category: string
  /** `基础系统保障`; empty when the group has no second part (the category cell then spans both columns). */
  group: string
  name: string
  /** Required (◆) at level 1…5. */
  required: Record<number, boolean>
  /** Rows the category cell spans (0: merged into the row above). */
  categorySpan: number
  /** Rows the group cell spans (0: merged into the row above). */
  groupSpan: number
}

const GROUP_SEPARATOR = ' · '

/** HS/T 42 Table 1 as rows: items in the server's order, equal consecutive categories and groups merged. */
export function matrixRows(items: readonly MatrixItem[], en: boolean): MatrixRow[] {
  const rows: MatrixRow[] = items.map((item) => {
    const full = en ? item.groupEn : item.groupZh
    const at = full.indexOf(GROUP_SEPARATOR)
    const category = at < 0 ? full : full.substring(0, at)
    const group = at < 0 ? '' : full.substring(at + GROUP_SEPARATOR.length)
    const required: Record<number, boolean> = {}
    for (const level of GUARANTEE_LEVELS) required[level] = item.levels.includes(level)
    return { code: item.code, category, group, name: en ? item.nameEn : item.nameZh, required, categorySpan: 1, groupSpan: 1 }
  })
  for (let i = 0; i < rows.length; ) {
    let j = i + 1
    while (j < rows.length && rows[j].category === rows[i].category) j++
    rows[i].categorySpan = j - i
    for (let k = i + 1; k < j; k++) rows[k].categorySpan = 0
    for (let g = i; g < j; ) {
      let h = g + 1
      while (h < j && rows[h].group === rows[g].group) h++
      rows[g].groupSpan = h - g
      for (let k = g + 1; k < h; k++) rows[k].groupSpan = 0
      g = h
    }
    i = j
  }
  return rows
}

/**
 * `el-table`'s span-method for the matrix: column 0 the category, column 1 the group (a category
 * without groups spans both).
 */
export function matrixSpan(row: MatrixRow, columnIndex: number): [number, number] {
  if (columnIndex === 0) return row.categorySpan ? [row.categorySpan, row.group ? 1 : 2] : [0, 0]
  if (columnIndex === 1) {
    if (!row.group) return [0, 0]
    return row.groupSpan ? [row.groupSpan, 1] : [0, 0]
  }
  return [1, 1]
}

// ---------------------------------------------------------------- the grading model

/** What the model gives for three factors (the same rule as the server: the more demanding of impact level and cap). */
export function evaluateModel(
  model: GradingModel,
  realtime: RealtimeRequirement,
  sensitivity: Degree,
  dependence: Degree,
): { impact: SystemImpact; impactLevel: number; realtimeCap: number | null; level: number } | null {
  const impact = model.impact?.[sensitivity]?.[dependence]
  if (!impact) return null
  const impactLevel = model.impactLevels?.[impact]
  if (!isLevel(impactLevel)) return null
  const cap = model.realtimeCaps?.[realtime] ?? null
  return { impact, impactLevel, realtimeCap: cap, level: cap === null ? impactLevel : Math.min(impactLevel, cap) }
}

export function cloneModel(model: GradingModel): GradingModel {
  return JSON.parse(JSON.stringify(model)) as GradingModel
}

/** A copy with every cell present (missing ones null), so the editor can bind every select. */
export function completeModel(model: Partial<GradingModel> | null | undefined): {
  impact: Record<Degree, Record<Degree, SystemImpact | null>>
  impactLevels: Record<SystemImpact, number | null>
  realtimeCaps: Record<RealtimeRequirement, number | null>
} {
  const impact = {} as Record<Degree, Record<Degree, SystemImpact | null>>
  for (const s of DEGREES) {
    impact[s] = {} as Record<Degree, SystemImpact | null>
    for (const d of DEGREES) impact[s][d] = model?.impact?.[s]?.[d] ?? null
  }
  const impactLevels = {} as Record<SystemImpact, number | null>
  for (const i of IMPACTS) impactLevels[i] = model?.impactLevels?.[i] ?? null
  const realtimeCaps = {} as Record<RealtimeRequirement, number | null>
  for (const r of REALTIME_REQUIREMENTS) realtimeCaps[r] = model?.realtimeCaps?.[r] ?? null
  return { impact, impactLevels, realtimeCaps }
}

/** The cells of an edited model that are missing or wrong, named like the server names them. */
export function modelProblems(model: ReturnType<typeof completeModel>): string[] {
  const problems: string[] = []
  for (const s of DEGREES) for (const d of DEGREES) if (!model.impact[s][d]) problems.push(`impact.${s}.${d}`)
  for (const i of IMPACTS) if (!isLevel(model.impactLevels[i])) problems.push(`impactLevels.${i}`)
  for (const r of REALTIME_REQUIREMENTS) {
    const cap = model.realtimeCaps[r]
    if (cap !== null && !isLevel(cap)) problems.push(`realtimeCaps.${r}`)
  }
  return problems
}

/** True when two models have the same tables (the server writes no version for an unchanged model). */
export function sameModel(a: GradingModel | ReturnType<typeof completeModel>, b: GradingModel | ReturnType<typeof completeModel>): boolean {
  const x = completeModel(a as GradingModel)
  const y = completeModel(b as GradingModel)
  return JSON.stringify(x) === JSON.stringify(y)
}

// ---------------------------------------------------------------- gaps

/** Figures of the gap chart for one level (0: not graded). */
export interface GapLevelFigures {
  level: number
  systems: number
  withGaps: number
  withoutGaps: number
  gapItems: number
}

/** The server's per-level figures (`/gaps/figures`) for the chart: levels 1–5, then not graded (0), each with the systems without gaps. */
export function gapFigures(figures: readonly LevelFigures[]): GapLevelFigures[] {
  const byLevel = new Map<number, GapLevelFigures>()
  for (const level of [...GUARANTEE_LEVELS, 0]) byLevel.set(level, { level, systems: 0, withGaps: 0, withoutGaps: 0, gapItems: 0 })
  for (const f of figures) {
    const level = isLevel(f.level) ? f.level : 0
    byLevel.set(level, { level, systems: f.systems, withGaps: f.withGaps, withoutGaps: f.systems - f.withGaps, gapItems: f.gaps })
  }
  return [...byLevel.values()]
}

// ---------------------------------------------------------------- SLA policies

/** Most warning thresholds a policy may have (as the server checks it). */
export const MAX_WARNINGS = 3

/** The targets of one ticket type (null: all types) by fault level; missing levels are absent. */
export function targetsOf(definition: SlaDefinition, type: TicketType | null): Map<number, SlaTarget> {
  const result = new Map<number, SlaTarget>()
  for (const t of definition.targets) if ((t.ticketType ?? null) === type) result.set(t.faultLevel, t)
  return result
}

/** The ticket types that have targets of their own, in the contract's order. */
export function overriddenTypes(definition: SlaDefinition): TicketType[] {
  return TICKET_TYPES.filter((type) => definition.targets.some((t) => t.ticketType === type))
}

/** Four empty (or copied) targets of a type, one per fault level. */
export function targetsFor(type: TicketType | null, from?: Map<number, SlaTarget>): SlaTarget[] {
  return FAULT_LEVELS.map((faultLevel) => {
    const base = from?.get(faultLevel)
    return {
      ticketType: type,
      faultLevel,
      response: base?.response ?? '',
      onSite: base?.onSite ?? null,
      resolution: base?.resolution ?? '',
      updateInterval: base?.updateInterval ?? null,
    }
  })
}

/**
 * The definition in the order the editor sends it: the general targets (levels 1–4), then each
 * override type in the contract's order; empty optional durations as null. The server's field
 * names (`targets[5].resolution`) then point at the row the editor shows.
 */
export function normaliseDefinition(definition: SlaDefinition): SlaDefinition {
  const order = [null, ...TICKET_TYPES] as (TicketType | null)[]
  const targets = [...definition.targets]
    .map((t) => ({
      ticketType: t.ticketType ?? null,
      faultLevel: t.faultLevel,
      response: t.response?.trim() ?? '',
      onSite: t.onSite?.trim() ? t.onSite.trim() : null,
      resolution: t.resolution?.trim() ?? '',
      updateInterval: t.updateInterval?.trim() ? t.updateInterval.trim() : null,
    }))
    .sort((a, b) => order.indexOf(a.ticketType) - order.indexOf(b.ticketType) || a.faultLevel - b.faultLevel)
  return {
    calendar: definition.calendar,
    targets,
    warnAt: [...definition.warnAt],
    escalations: definition.escalations.map((e) => ({ atPercent: e.atPercent, recipient: e.recipient })),
    holidayOnSite: definition.holidayOnSite?.trim() ? definition.holidayOnSite.trim() : null,
  }
}

export function cloneDefinition(definition: SlaDefinition): SlaDefinition {
  return JSON.parse(JSON.stringify(definition)) as SlaDefinition
}

/** The index of a type's fault-level target in a definition's `targets` (-1 when absent). */
export function targetIndex(definition: SlaDefinition, type: TicketType | null, faultLevel: number): number {
  return definition.targets.findIndex((t) => (t.ticketType ?? null) === type && t.faultLevel === faultLevel)
}

/** What is wrong with a policy definition: a key under `sl.policy.problem.` and its parameters, at a server field name. */
export interface PolicyProblem {
  field: string
  code: 'calendarRequired' | 'durationRequired' | 'durationInvalid' | 'responseAfterResolution' | 'levelMissing' | 'tooManyWarnings' | 'warningRange' | 'warningNotRising' | 'escalationRange' | 'escalationRecipient'
  params?: Record<string, string | number>
}

function checkDuration(field: string, value: string | null | undefined, required: boolean, problems: PolicyProblem[]): void {
  if (!value || !value.trim()) {
    if (required) problems.push({ field, code: 'durationRequired' })
    return
  }
  const parts = parseDuration(value)
  if (!parts || (required && parts.days === 0 && parts.hours === 0 && parts.minutes === 0)) problems.push({ field, code: 'durationInvalid' })
}

/**
 * The problems of a (normalised) definition, as the server checks them: a calendar, for the
 * general targets and each override type all four fault levels, response and resolution present
 * and the response not after the resolution, readable optional durations, at most three warning
 * thresholds rising within 1–99, escalation steps within 1–300 % to a known recipient.
 */
export function checkPolicyDefinition(definition: SlaDefinition): PolicyProblem[] {
  const problems: PolicyProblem[] = []
  if (!definition.calendar?.trim()) problems.push({ field: 'calendar', code: 'calendarRequired' })
  const levels = new Map<TicketType | null, Set<number>>([[null, new Set()]])
  definition.targets.forEach((t, i) => {
    const field = `targets[${i}]`
    const type = t.ticketType ?? null
    if (!levels.has(type)) levels.set(type, new Set())
    levels.get(type)!.add(t.faultLevel)
    checkDuration(`${field}.response`, t.response, true, problems)
    checkDuration(`${field}.onSite`, t.onSite, false, problems)
    checkDuration(`${field}.resolution`, t.resolution, true, problems)
    checkDuration(`${field}.updateInterval`, t.updateInterval, false, problems)
    const order = compareDurations(t.response, t.resolution)
    if (order !== null && order > 0) problems.push({ field: `${field}.response`, code: 'responseAfterResolution' })
  })
  for (const [type, present] of levels) {
    for (const level of FAULT_LEVELS) {
      if (!present.has(level)) problems.push({ field: type ? `targets.${type}` : 'targets', code: 'levelMissing', params: { n: level } })
    }
  }
  if (definition.warnAt.length > MAX_WARNINGS) problems.push({ field: 'warnAt', code: 'tooManyWarnings', params: { n: MAX_WARNINGS } })
  definition.warnAt.forEach((value, i) => {
    if (value === null || value === undefined || !Number.isInteger(value) || value < 1 || value > 99) {
      problems.push({ field: `warnAt[${i}]`, code: 'warningRange' })
    } else if (i > 0 && Number.isInteger(definition.warnAt[i - 1]) && value <= definition.warnAt[i - 1]) {
      problems.push({ field: `warnAt[${i}]`, code: 'warningNotRising' })
    }
  })
  definition.escalations.forEach((step, i) => {
    if (step.atPercent === null || step.atPercent === undefined || !Number.isInteger(step.atPercent) || step.atPercent < 1 || step.atPercent > 300) {
      problems.push({ field: `escalations[${i}]`, code: 'escalationRange' })
    }
    if (!step.recipient || !(ESCALATION_RECIPIENTS as readonly string[]).includes(step.recipient)) {
      problems.push({ field: `escalations[${i}]`, code: 'escalationRecipient' })
    }
  })
  checkDuration('holidayOnSite', definition.holidayOnSite, false, problems)
  return problems
}

/**
 * Where a server field of a policy shows in the editor: `targets[5].resolution` → the type and
 * fault level of target 5 and its column; other fields as they are.
 */
export function locateTargetField(
  definition: SlaDefinition,
  field: string,
): { type: TicketType | null; faultLevel: number; column: 'response' | 'onSite' | 'resolution' | 'updateInterval' | 'faultLevel' | null } | null {
  const match = /^targets\[(\d+)\](?:\.(\w+))?$/.exec(field)
  if (!match) return null
  const target = definition.targets[Number(match[1])]
  if (!target) return null
  const column = (match[2] ?? null) as 'response' | 'onSite' | 'resolution' | 'updateInterval' | 'faultLevel' | null
  return { type: target.ticketType ?? null, faultLevel: target.faultLevel, column }
}

/** The key under which the editor shows the error of a target cell: `<type|ALL>.<level>.<column>`. */
export function targetCellKey(type: TicketType | null, faultLevel: number, column: string | null): string {
  return `${type ?? 'ALL'}.${faultLevel}${column ? `.${column}` : ''}`
}


// ---------------------------------------------------------------- closing gaps

/** Where a gap item is closed: the CMDB (relations), the declared facts, or the service tab (policy). */
export type GapAction = 'cmdb' | 'facts' | 'service' | 'grading'

const GAP_ACTIONS: Record<string, GapAction> = {
  BASIC: 'cmdb',
  HOT_STANDBY: 'cmdb',
  WARM_STANDBY: 'cmdb',
  COLD_STANDBY: 'cmdb',
  DATA_BACKUP: 'facts',
  SYSTEM_MONITORING: 'facts',
  PERFORMANCE: 'facts',
  APP_MONITORING: 'facts',
  STATISTICS_REPORTS: 'facts',
  BUSINESS_PARTY_7X24: 'facts',
  DISPATCH_WORKING: 'service',
  DISPATCH_OFF_HOURS: 'service',
  HOTLINE_WORKING: 'service',
  HOTLINE_OFF_HOURS: 'service',
  APP_SUPPORT_WORKING: 'service',
  APP_SUPPORT_OFF_HOURS: 'service',
  RECOVERY: 'service',
  GRADED: 'grading',
}

/** Where the item of a matrix code is closed (HS/T 42 Table 1 codes of standards.json); null for unknown codes. */
export function gapAction(code: string): GapAction | null {
  return GAP_ACTIONS[code] ?? null
}
