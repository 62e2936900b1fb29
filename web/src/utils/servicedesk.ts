import { textWidth } from './columnWidth'
import { formValuesOf } from './catalogue'
import type { CatalogueField, HistoryEntry, NewTicket, SlaTimer, SupportGroup, TicketAction, TicketChannel, TicketState, TicketType, TimerMetric } from '@/api/servicedesk'

/**
 * Pure helpers of the service-desk pages: ISO durations as seconds, countdowns and their urgency
 * (queue and SLA chips), what each action's dialog asks for, the checks of the create form, the
 * history's details, and the figures of the timer chart. The server has the last word on every
 * rule; these only let the UI say the same thing earlier.
 */

// ---------------------------------------------------------------- durations

const ISO_DURATION = /^([-+])?P(?:([-+]?\d+(?:[.,]\d+)?)D)?(?:T(?:([-+]?\d+(?:[.,]\d+)?)H)?(?:([-+]?\d+(?:[.,]\d+)?)M)?(?:([-+]?\d+(?:[.,]\d+)?)S)?)?$/

/**
 * Seconds of an ISO-8601 duration as Java writes it (`PT8H`, `PT1H23M45.5S`, `PT-5M`, `PT-1H-30M`,
 * `PT0S`); a day counts 24 hours (the server writes working time in hours, never in days). Null
 * when empty or unreadable.
 */
export function durationSeconds(iso: string | null | undefined): number | null {
  if (!iso) return null
  const text = iso.trim().toUpperCase()
  const match = ISO_DURATION.exec(text)
  if (!match || text.endsWith('P') || text.endsWith('T')) return null
  const n = (value: string | undefined) => (value ? Number(value.replace(',', '.')) : 0)
  const seconds = n(match[2]) * 86400 + n(match[3]) * 3600 + n(match[4]) * 60 + n(match[5])
  return match[1] === '-' ? -seconds : seconds
}

/** Words of the units (from the locale files), each with `{n}`. */
export interface SpanWords {
  days: (n: number) => string
  hours: (n: number) => string
  minutes: (n: number) => string
  /** Less than a minute. */
  moment: string
  separator?: string
}

/**
 * A span of time in words, at most two units and rounded down to the minute: “2 天 3 小时”,
 * “1 小时 20 分钟”, “5 分钟”, `moment` under a minute (“0 分钟” for none at all). `days: false` counts hours beyond 24
 * (working time, where a day is not 24 hours). The sign is dropped: callers say “left” or “over”.
 */
export function spanText(seconds: number, words: SpanWords, options: { days?: boolean } = {}): string {
  const total = Math.floor(Math.abs(seconds) / 60)
  if (seconds === 0) return words.minutes(0)
  if (total < 1) return words.moment
  const useDays = options.days ?? true
  const days = useDays ? Math.floor(total / 1440) : 0
  const hours = Math.floor((total - days * 1440) / 60)
  const minutes = total % 60
  const parts: string[] = []
  if (days) {
    parts.push(words.days(days))
    if (hours) parts.push(words.hours(hours))
  } else if (hours) {
    parts.push(words.hours(hours))
    if (minutes) parts.push(words.minutes(minutes))
  } else {
    parts.push(words.minutes(minutes))
  }
  return parts.join(words.separator ?? ' ')
}

// ---------------------------------------------------------------- countdowns

/** A ticket is “due soon” within two hours of its due time (as the `DUE_SOON` queue counts it). */
export const DUE_SOON_SECONDS = 2 * 3600

export type DueUrgency = 'none' | 'ok' | 'soon' | 'breached'

export interface DueStatus {
  urgency: DueUrgency
  /** Seconds until the due time; negative once it has passed; 0 without a due time. */
  seconds: number
}

/**
 * Where a ticket stands against its due time (wall-clock): breached when the server says so or
 * the time has passed, soon within {@link DUE_SOON_SECONDS}, ok before; none without a due time
 * (done, or every clock paused) unless already breached.
 */
export function dueStatus(dueAt: string | null | undefined, breached: boolean, now: number): DueStatus {
  const due = dueAt ? Date.parse(dueAt) : NaN
  if (Number.isNaN(due)) return { urgency: breached ? 'breached' : 'none', seconds: 0 }
  const seconds = Math.round((due - now) / 1000)
  if (breached || seconds < 0) return { urgency: 'breached', seconds }
  return { urgency: seconds <= DUE_SOON_SECONDS ? 'soon' : 'ok', seconds }
}

/** An SLA timer turns orange when less than this share of its target is left. */
export const TIMER_WARNING_SHARE = 0.25

export type TimerUrgency = 'ok' | 'warning' | 'breached'

export interface TimerStatus {
  urgency: TimerUrgency
  /** Working seconds left before the target; negative when over it. */
  remaining: number
  /** Working seconds counted. */
  elapsed: number
  /** The target in working seconds. */
  target: number
  /** Share of the target used (may exceed 1). */
  used: number
}

/** How far an SLA timer has gone, in working time: green, orange in its last quarter, red once breached. */
export function timerStatus(timer: Pick<SlaTimer, 'targetTime' | 'elapsed' | 'breached'>): TimerStatus {
  const target = durationSeconds(timer.targetTime) ?? 0
  const elapsed = durationSeconds(timer.elapsed) ?? 0
  const remaining = target - elapsed
  const used = target > 0 ? elapsed / target : elapsed > 0 ? Infinity : 0
  let urgency: TimerUrgency = 'ok'
  if (timer.breached || remaining < 0) urgency = 'breached'
  else if (target > 0 && remaining <= target * TIMER_WARNING_SHARE) urgency = 'warning'
  return { urgency, remaining, elapsed, target, used }
}

/** The timers shown as chips in the ticket's header: running and paused ones, most urgent first. */
export function activeTimers<T extends Pick<SlaTimer, 'state' | 'targetTime' | 'elapsed' | 'breached'>>(timers: readonly T[] | null | undefined): T[] {
  const rank: Record<TimerUrgency, number> = { breached: 0, warning: 1, ok: 2 }
  return (timers ?? [])
    .filter((t) => t.state === 'RUNNING' || t.state === 'PAUSED')
    .map((t, i) => ({ t, i, s: timerStatus(t) }))
    .sort((a, b) => rank[a.s.urgency] - rank[b.s.urgency] || a.s.remaining - b.s.remaining || a.i - b.i)
    .map((x) => x.t)
}

// ---------------------------------------------------------------- actions

export type Need = 'none' | 'optional' | 'required'

/** What the dialog of an action asks for. */
export interface ActionNeeds {
  /** Nothing to fill in: the dialog only asks for a confirmation. */
  confirmOnly: boolean
  comment: Need
  /** A support group: any enabled one (dispatch) or a second-line one (escalate). */
  group: 'none' | 'any' | 'secondLine'
  /** An assignee among the group's members (optional). */
  assignee: boolean
  solution: Need
  cause: Need
  resolutionCategory: Need
  rating: Need
  /** How the second line helped (hand-back): by phone, on site or remotely. */
  supportMode: Need
}

/** How the second line supported the first (R-DSK-08). */
export const SUPPORT_MODES = ['PHONE', 'ONSITE', 'REMOTE'] as const
export type SupportMode = (typeof SUPPORT_MODES)[number]

const NOTHING: ActionNeeds = {
  confirmOnly: false,
  comment: 'none',
  group: 'none',
  assignee: false,
  solution: 'none',
  cause: 'none',
  resolutionCategory: 'none',
  rating: 'none',
  supportMode: 'none',
}

/**
 * What an action needs (docs/api/service-desk.md): dispatch a group and an assignee among its
 * members; escalate a comment and, except for complaints (raised to management), a second-line
 * group; pause, feedback and reopen a comment; hand-back a comment and how the second line helped; resolve a solution and, for incidents, a
 * cause; rate 1–5 stars; accept, respond, start, resume and close only a confirmation.
 */
export function actionNeeds(action: TicketAction, type: TicketType): ActionNeeds {
  switch (action) {
    case 'dispatch':
      return { ...NOTHING, group: 'any', assignee: true, comment: 'optional' }
    case 'escalate':
      return type === 'COMPLAINT' ? { ...NOTHING, comment: 'required' } : { ...NOTHING, comment: 'required', group: 'secondLine', assignee: true }
    case 'hand-back':
      return { ...NOTHING, comment: 'required', supportMode: 'required' }
    case 'pause':
    case 'feedback':
    case 'reopen':
      return { ...NOTHING, comment: 'required' }
    case 'resolve':
      return { ...NOTHING, solution: 'required', cause: type === 'INCIDENT' ? 'required' : 'optional', resolutionCategory: 'optional' }
    case 'rate':
      return { ...NOTHING, rating: 'required', comment: 'optional' }
    default:
      return { ...NOTHING, confirmOnly: true }
  }
}

/** The groups an action may send the ticket to: enabled ones, second line only for escalations. */
export function groupsFor(needs: ActionNeeds, groups: readonly SupportGroup[]): SupportGroup[] {
  if (needs.group === 'none') return []
  return groups.filter((g) => g.enabled && (needs.group === 'any' || g.line === 2)).sort((a, b) => a.line - b.line || a.name.localeCompare(b.name))
}

/**
 * The group a dispatch proposes: the ticket's own group, or else the default group of the catalogue
 * item it was raised from (R-DSK-14), when that group may still take tickets; null otherwise.
 */
export function proposedGroup(
  action: TicketAction,
  ticket: { group: { id: number } | null; form?: { defaultGroupId: number | null } | null },
  groups: readonly SupportGroup[],
): number | null {
  if (action !== 'dispatch') return null
  if (ticket.group) return ticket.group.id
  const fallback = ticket.form?.defaultGroupId ?? null
  return fallback !== null && groups.some((g) => g.id === fallback && g.enabled) ? fallback : null
}

/** Button style of an action: forward steps primary, resolving green, stepping aside orange. */
export function actionButtonType(action: TicketAction): 'primary' | 'success' | 'warning' | 'default' {
  switch (action) {
    case 'resolve':
    case 'close':
      return 'success'
    case 'pause':
    case 'escalate':
      return 'warning'
    case 'reopen':
    case 'hand-back':
      return 'default'
    default:
      return 'primary'
  }
}

// ---------------------------------------------------------------- the create form

/** How far back a ticket may be dated (the server's limit). */
export const MAX_BACKDATING_DAYS = 30

/** Why a reported time is refused, or null: not in the future, at most 30 days back. */
export function reportedAtProblem(value: Date | string | number | null | undefined, now: number): 'required' | 'future' | 'tooEarly' | null {
  if (value === null || value === undefined || value === '') return 'required'
  const at = value instanceof Date ? value.getTime() : new Date(value).getTime()
  if (Number.isNaN(at)) return 'required'
  // a minute of grace: "now" was taken when the form opened, the server's clock may differ a little
  if (at > now + 60_000) return 'future'
  if (at < now - MAX_BACKDATING_DAYS * 86_400_000) return 'tooEarly'
  return null
}

/** The create form's fields, as the page holds them. */
export interface TicketForm {
  type: TicketType
  faultLevel: number | null
  title: string
  description: string
  caller: 'user' | 'contact'
  requesterId: number | null
  contactName: string
  contactPhone: string
  contactUnit: string
  businessSystemId: number | null
  ciIds: number[]
  channel: TicketChannel
  reportedAt: Date | null
  onSiteRequired: boolean
  acceptNow: boolean
  /** The service catalogue item the request is raised from (R-DSK-14). */
  catalogueItemId?: number | null
  /** Its form's values by field key, as the fields hold them. */
  formValues?: Record<string, string | boolean>
}

/** Fault levels are asked for incidents only; the server gives the other types level 4. */
export function needsFaultLevel(type: TicketType): boolean {
  return type === 'INCIDENT'
}

const blankToNull = (value: string) => (value.trim() ? value.trim() : null)

/**
 * The `POST /tickets` body of the form: a requester with an account, or a contact; raised from a
 * catalogue item, the item and its form's values (`catalogueFields`: the item's form).
 */
export function newTicketOf(form: TicketForm, catalogueFields: CatalogueField[] = []): NewTicket {
  const byUser = form.caller === 'user'
  const catalogue = form.catalogueItemId != null ? { catalogueItemId: form.catalogueItemId, formValues: formValuesOf(catalogueFields, form.formValues ?? {}) } : {}
  return {
    ...catalogue,
    type: form.type,
    channel: form.channel,
    title: form.title.trim(),
    description: blankToNull(form.description),
    requesterId: byUser ? form.requesterId : null,
    contact: byUser
      ? form.contactPhone.trim()
        ? { name: null, phone: form.contactPhone.trim(), unit: null }
        : null
      : { name: blankToNull(form.contactName), phone: blankToNull(form.contactPhone), unit: blankToNull(form.contactUnit) },
    businessSystemId: form.businessSystemId,
    ciIds: [...form.ciIds],
    faultLevel: needsFaultLevel(form.type) ? form.faultLevel : null,
    onSiteRequired: form.onSiteRequired,
    reportedAt: form.reportedAt ? form.reportedAt.toISOString() : undefined,
    acceptNow: form.acceptNow,
  }
}

/** Server fields of the create form that the page shows elsewhere (`contact.name` → `contactName`). */
export const CREATE_FIELD_ALIASES: Record<string, string> = {
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.unit': 'contactUnit',
}

// ---------------------------------------------------------------- history

export type HistoryDetail =
  | { kind: 'assigned'; groupId: number | null; assigneeId: number | null }
  | { kind: 'escalated'; fromGroupId: number | null; fromAssigneeId: number | null }
  | { kind: 'relevel'; from: number | null; to: number | null }
  | { kind: 'system' }
  | { kind: 'autoClosed'; days: number | null }
  | { kind: 'linked' | 'unlinked'; role: string; number: string }
  | { kind: 'handedBack'; mode: SupportMode | null }

const idOf = (text: string | undefined): number | null => {
  if (!text || !/^\d+$/.test(text.trim())) return null
  return Number(text.trim())
}

/** The detail of a history entry (`detailKey` with its comma-separated `detailArgs`), or null. */
export function historyDetail(entry: Pick<HistoryEntry, 'detailKey' | 'detailArgs'>): HistoryDetail | null {
  const args = (entry.detailArgs ?? '').split(',')
  switch (entry.detailKey) {
    case 'ticket.history.assigned':
      return { kind: 'assigned', groupId: idOf(args[0]), assigneeId: idOf(args[1]) }
    case 'ticket.history.escalated':
      return { kind: 'escalated', fromGroupId: idOf(args[0]), fromAssigneeId: idOf(args[1]) }
    case 'ticket.history.relevel':
      return { kind: 'relevel', from: idOf(args[0]), to: idOf(args[1]) }
    case 'ticket.history.system':
      return { kind: 'system' }
    case 'ticket.history.handedBack':
      return { kind: 'handedBack', mode: (SUPPORT_MODES as readonly string[]).includes(args[0] ?? '') ? (args[0] as SupportMode) : null }
    case 'ticket.history.autoClosed':
      return { kind: 'autoClosed', days: idOf(args[0]) }
    case 'ticket.history.linked':
    case 'ticket.history.unlinked':
      // the part the other ticket plays for this one (PARENT, CHILD, …) and its number
      return { kind: entry.detailKey === 'ticket.history.linked' ? 'linked' : 'unlinked', role: args[0] ?? '', number: args[1] ?? '' }
    default:
      return null
  }
}

/** The history's actions in the words of `ticketAction.*` (verbs), others by their own key. */
export function historyActionVerb(action: string): TicketAction | null {
  const verb = action.toLowerCase().replace(/_/g, '-')
  return (['accept', 'respond', 'dispatch', 'start', 'pause', 'resume', 'escalate', 'hand-back', 'resolve', 'feedback', 'rate', 'close', 'reopen'] as const).find((a) => a === verb) ?? null
}

export type TimerReason =
  | { kind: 'received' }
  | { kind: 'action'; action: TicketAction }
  | { kind: 'comment' }
  | { kind: 'relevel'; from: number | null; to: number | null }
  | { kind: 'system' }

/**
 * Why a timer moved, from the reason its log records: `received` (a group got the ticket),
 * `action.<verb>`, `comment.public` (the requester was told), `relevel.<from>.<to>`, `system`.
 * Null for the start (the step says it already) and for reasons this UI does not know.
 */
export function timerReason(reason: string | null | undefined): TimerReason | null {
  if (!reason) return null
  if (reason === 'received') return { kind: 'received' }
  if (reason === 'comment.public') return { kind: 'comment' }
  if (reason === 'system') return { kind: 'system' }
  if (reason.startsWith('action.')) {
    const action = historyActionVerb(reason.substring('action.'.length))
    return action ? { kind: 'action', action } : null
  }
  const relevel = /^relevel\.(\d+)\.(\d+)$/.exec(reason)
  if (relevel) return { kind: 'relevel', from: Number(relevel[1]), to: Number(relevel[2]) }
  return null
}

// ---------------------------------------------------------------- the timer chart

export interface TimerBar {
  /** `RESPONSE`, or `GROUP` with its group. */
  metric: TimerMetric
  groupId: number | null
  elapsedHours: number
  targetHours: number
  urgency: TimerUrgency
  state: SlaTimer['state']
}

/**
 * One bar pair per timer for the chart of the timers tab, in the metrics' order with the group
 * clocks side by side at the end (hours of working time, to two decimals).
 */
export function timerBars(timers: readonly SlaTimer[] | null | undefined, metricOrder: readonly TimerMetric[]): TimerBar[] {
  const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100
  return [...(timers ?? [])]
    .map((timer, index) => ({ timer, index }))
    .sort((a, b) => metricOrder.indexOf(a.timer.metric) - metricOrder.indexOf(b.timer.metric) || (a.timer.groupId ?? 0) - (b.timer.groupId ?? 0) || a.index - b.index)
    .map(({ timer }) => {
      const status = timerStatus(timer)
      return {
        metric: timer.metric,
        groupId: timer.groupId,
        elapsedHours: hours(Math.max(0, status.elapsed)),
        targetHours: hours(Math.max(0, status.target)),
        urgency: status.urgency,
        state: timer.state,
      }
    })
}

// ---------------------------------------------------------------- display

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export const STATE_TAG: Record<TicketState, TagType> = {
  REPORTED: 'danger',
  ACCEPTED: 'warning',
  RESPONDED: 'warning',
  ESCALATED: 'warning',
  DISPATCHED: 'primary',
  IN_PROGRESS: 'primary',
  SUSPENDED: 'info',
  SECOND_LINE: 'primary',
  RESOLVED: 'success',
  FEEDBACK_GIVEN: 'success',
  RATED: 'success',
  CLOSED: 'info',
}

export const TYPE_TAG: Record<TicketType, TagType> = {
  INCIDENT: 'danger',
  SERVICE_REQUEST: 'primary',
  CONSULTATION: 'info',
  COMPLAINT: 'warning',
  REQUIREMENT: 'success',
}

/** Fault levels 1 (red) … 4 (grey). */
export const FAULT_LEVEL_COLOURS: Record<number, string> = {
  1: '#d03a2f',
  2: '#e6800f',
  3: '#c9a100',
  4: '#909399',
}

export function faultLevelColour(level: number | null | undefined): string {
  return (level && FAULT_LEVEL_COLOURS[level]) || FAULT_LEVEL_COLOURS[4]
}

export const URGENCY_COLOURS: Record<TimerUrgency | DueUrgency, string> = {
  ok: '#2e8b57',
  none: '#8492a6',
  soon: '#e6800f',
  warning: '#e6800f',
  breached: '#d03a2f',
}

/**
 * A time short enough for a table cell: `MM-DD HH:mm` within the current year, `YYYY-MM-DD`
 * before it; empty for no value.
 */
export function shortDateTime(value: string | null | undefined, now: Date = new Date()): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  if (date.getFullYear() !== now.getFullYear()) return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/**
 * The width of a table column showing small tags (`size="small"`): the widest label at 12 px (a
 * CJK character exactly 12 px, Latin a little less than the 14 px estimate of textWidth), the
 * tag's padding and the cell's.
 */
export function tagColumnWidth(labels: readonly string[]): number {
  const text = (label: string) => Math.ceil(textWidth(label) * (/[\u2E80-\u9FFF]/.test(label) ? 12 / 14 : 0.8))
  return Math.max(0, ...labels.map(text)) + 18 + 24
}

/** The server counts queues exactly up to this many; one more means “more than that”. */
export const COUNT_LIMIT = 10_000

/** A queue count for its tab: `10000+` when the server stopped counting. */
export function countText(count: number): string {
  return count > COUNT_LIMIT ? `${COUNT_LIMIT}+` : String(count)
}

/** Routes of the service-desk pages. */
export const ticketRoute = (id: number, tab?: string) => (tab ? { path: `/servicedesk/tickets/${id}`, query: { tab } } : `/servicedesk/tickets/${id}`)
