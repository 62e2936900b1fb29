import { http, type Page, type PageQuery } from './http'

/**
 * Alerting (docs/guide/19-alerting.md, docs/api/alerting.md): alerts (`/api/v1/alerts`) with their
 * timelines, acknowledging and resolving; rules (`/api/v1/alert-rules`) with the metric vocabulary,
 * overrides and the preview against history; silences (`/api/v1/silences`); maintenance windows
 * (`/api/v1/maintenance-windows`); notification routes (`/api/v1/notification-routes`); the
 * statistics (`/api/v1/alert-statistics`) and the public acknowledge links
 * (`/api/v1/alerts/ack-links/{token}`). Instants are ISO-8601, durations ISO-8601 (`PT3M20S`).
 */

// ---------------------------------------------------------------- enums

export const SEVERITIES = ['CRITICAL', 'MAJOR', 'MINOR', 'INFO'] as const
export type Severity = (typeof SEVERITIES)[number]

export const ALERT_STATES = ['FIRING', 'ACKNOWLEDGED', 'RESOLVED'] as const
export type AlertState = (typeof ALERT_STATES)[number]

export const QUIET_REASONS = ['SILENCED', 'MAINTENANCE', 'CAUSED_BY_PARENT'] as const
export type QuietReason = (typeof QUIET_REASONS)[number]

export const ALERT_SOURCES = ['RULE', 'EVENT', 'ALERTMANAGER', 'ZABBIX', 'GENERIC'] as const
export type AlertSource = (typeof ALERT_SOURCES)[number]

/** Fields the alert list sorts by (AlertController.SORTABLE). */
export const ALERT_SORT_FIELDS = ['startedAt', 'severity', 'state', 'lastSeenAt', 'resolvedAt', 'title'] as const

/** What an alert's timeline records (AlertLifecycle, the notification planner, the incident hand-over). */
export const TIMELINE_KINDS = [
  'FIRED',
  'REOPENED',
  'FLAPPING',
  'STABLE',
  'SEVERITY',
  'SILENCED',
  'IN_MAINTENANCE',
  'SUPPRESSED',
  'UNQUIETED',
  'NOTIFIED',
  'CAPPED',
  'REPEATED',
  'ESCALATED',
  'ACKNOWLEDGED',
  'TICKET_OPENED',
  'TICKET_JOINED',
  'TICKET_NOTED',
  'RESOLVED',
  'RESOLVED_BY_HAND',
] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

export const RULE_KINDS = ['THRESHOLD', 'AVAILABILITY', 'EXPRESSION'] as const
export type RuleKind = (typeof RULE_KINDS)[number]

export const RULE_ORIGINS = ['USER', 'TEMPLATE'] as const
export type RuleOrigin = (typeof RULE_ORIGINS)[number]

/** Scopes people choose; MONITOR_TYPE only appears on template rules. */
export const SCOPE_KINDS = ['ALL', 'RESOURCE', 'CLASS', 'TAG', 'ORGANISATION', 'BUSINESS_SYSTEM'] as const
export type ScopeKind = (typeof SCOPE_KINDS)[number] | 'MONITOR_TYPE'

export const OPERATORS = ['>', '>=', '<', '<=', '==', '!='] as const
export type Operator = (typeof OPERATORS)[number]

export const CHECKS = ['COLLECTION_FAILING', 'CERT_EXPIRING', 'DISK_FULL', 'BASELINE', 'PROCESS_NEW', 'TRAP'] as const
export type Check = (typeof CHECKS)[number]

export const RECURRENCES = ['ONCE', 'DAILY', 'WEEKLY', 'MONTHLY'] as const
export type Recurrence = (typeof RECURRENCES)[number]

export const ROUTE_CHANNELS = ['IN_APP', 'EMAIL', 'SMS', 'VOICE', 'WEBHOOK'] as const
export type RouteChannel = (typeof ROUTE_CHANNELS)[number]

/** The most alerts one acknowledge or resolve request may name. */
export const MAX_BULK = 500

// ---------------------------------------------------------------- alerts

export interface Alert {
  id: number
  source: string
  ruleId: number | null
  title: string
  summary: string | null
  severity: Severity
  state: AlertState
  ciId: number | null
  ciName: string | null
  organisationId: number | null
  businessSystemId: number | null
  businessSystemName: string | null
  metric: string | null
  instance: string | null
  /** The series in Prometheus text form: `cpu_usage{monitor="3",resource="7"}`. */
  series: string | null
  firstValue: number | null
  lastValue: number | null
  threshold: number | null
  evaluations: number
  startedAt: string
  lastSeenAt: string | null
  /** ISO-8601 (`PT3M20S`): until resolved, or until now. */
  duration: string
  acknowledgedAt: string | null
  acknowledgedBy: number | null
  acknowledgedByName: string | null
  ackComment: string | null
  resolvedAt: string | null
  resolvedBy: number | null
  resolvedByName: string | null
  resolveReason: string | null
  flapping: boolean
  flapCount: number
  quietReason: QuietReason | null
  silenceId: number | null
  maintenanceId: number | null
  causedByAlertId: number | null
  causedByCiId: number | null
  causedByCiName: string | null
  ticketId: number | null
  ticketNumber: string | null
  notifiedAt: string | null
  notifications: number
  labels: Record<string, string> | null
  version: number
}

export interface AlertQuery extends PageQuery {
  state?: AlertState[] | AlertState | null
  open?: boolean | null
  severity?: Severity[] | Severity | null
  ciId?: number | null
  ruleId?: number | null
  organisationId?: number | null
  businessSystemId?: number | null
  source?: string | null
  ticketId?: number | null
  flapping?: boolean | null
  quiet?: boolean | null
  from?: string | null
  to?: string | null
  q?: string | null
}

export interface TimelineEntry {
  at: string
  kind: TimelineKind | string
  actorId: number | null
  detail: string | null
}

// ---------------------------------------------------------------- rules

export interface Rule {
  id: number
  name: string
  description: string | null
  kind: RuleKind
  origin: RuleOrigin
  fromTemplate: boolean
  templateKey: string | null
  overridesRuleId: number | null
  scopeKind: ScopeKind
  scopeValue: string | null
  scopeName: string | null
  severity: Severity
  metric: string | null
  instance: string | null
  operator: Operator | null
  threshold: number | null
  forSeconds: number
  recoveryOperator: Operator | null
  recoveryThreshold: number | null
  recoverySeconds: number
  check: Check | null
  checkValue: number | null
  expression: string | null
  enabled: boolean
  notifies: boolean
  openIncident: boolean
  createdAt: string | null
  updatedAt: string | null
  version: number
}

/** What the server takes to write a rule (RuleService.RuleInput); `version` on a change. */
export interface RuleInput {
  name: string | null
  description?: string | null
  kind: RuleKind | null
  scopeKind?: ScopeKind | null
  scopeValue?: string | null
  severity: Severity | null
  metric?: string | null
  instance?: string | null
  operator?: Operator | null
  threshold?: number | null
  forSeconds?: number | null
  recoveryOperator?: Operator | null
  recoveryThreshold?: number | null
  recoverySeconds?: number | null
  check?: Check | null
  checkValue?: number | null
  expression?: string | null
  enabled?: boolean | null
  notifies?: boolean | null
  openIncident?: boolean | null
  version?: number | null
}

export interface RuleQuery extends PageQuery {
  kind?: RuleKind | null
  origin?: RuleOrigin | null
  severity?: Severity | null
  enabled?: boolean | null
  q?: string | null
}

/** A metric rules can watch, with its label in the caller's language. */
export interface RuleMetric {
  name: string
  label: string
  unit: string | null
  /** What one row is called (接口, 挂载点), or null. */
  instance: string | null
}

/** The preview against history: the rule's input, 1–31 days back, optionally one resource. */
export interface PreviewRequest extends RuleInput {
  days: number
  resourceId?: number | null
}

export interface PreviewFiring {
  ciId: number | null
  ciName: string | null
  series: string | null
  instance: string | null
  startedAt: string
  /** Null while still firing at the end of the period. */
  endedAt: string | null
  peak: number | null
}

export interface Preview {
  firings: number
  resources: number
  seriesExamined: number
  truncated: boolean
  items: PreviewFiring[]
}

// ---------------------------------------------------------------- silences and maintenance

export interface Silence {
  id: number
  ruleId: number | null
  ciId: number | null
  severity: Severity | null
  classCode: string | null
  organisationId: number | null
  tag: string | null
  businessSystemId: number | null
  reason: string
  startsAt: string
  expiresAt: string
  endedAt: string | null
  endedBy: number | null
  createdBy: number | null
  createdAt: string
  version: number
}

export interface SilenceInput {
  ruleId?: number | null
  ciId?: number | null
  severity?: Severity | null
  classCode?: string | null
  organisationId?: number | null
  tag?: string | null
  businessSystemId?: number | null
  reason: string
  startsAt?: string | null
  expiresAt: string | null
}

export interface MaintenanceWindow {
  id: number
  name: string
  scopeKind: ScopeKind
  scopeValue: string | null
  recurrence: Recurrence
  startsAt: string | null
  endsAt: string | null
  days: number[] | null
  startTime: string | null
  durationMinutes: number | null
  validFrom: string | null
  validUntil: string | null
  reason: string | null
  enabled: boolean
  createdBy: number | null
  createdAt: string
  updatedAt: string
  version: number
}

export interface MaintenanceInput {
  name: string
  scopeKind: ScopeKind
  scopeValue?: string | null
  recurrence: Recurrence
  startsAt?: string | null
  endsAt?: string | null
  days?: number[] | null
  startTime?: string | null
  durationMinutes?: number | null
  validFrom?: string | null
  validUntil?: string | null
  reason: string
  enabled?: boolean
  version?: number
}

// ---------------------------------------------------------------- routes

export interface NotificationRoute {
  id: number
  name: string
  position: number
  enabled: boolean
  matchSeverities: Severity[]
  matchOrganisationId: number | null
  matchClassCode: string | null
  matchTag: string | null
  matchBusinessSystemId: number | null
  userIds: number[]
  groupIds: number[]
  endpointIds: number[]
  channels: RouteChannel[]
  groupWaitSeconds: number
  repeatMinutes: number
  escalateAfterMinutes: number
  escalateUserIds: number[]
  escalateGroupIds: number[]
  escalateVoice: boolean
  capCount: number
  capPeriodMinutes: number
  notifyResolved: boolean
  openIncident: boolean
  continueMatching: boolean
  /** Names the server adds for display, when it does. */
  userNames?: Record<string, string> | null
  version: number
}

export type RouteInput = Omit<NotificationRoute, 'id' | 'position' | 'version' | 'userNames'> & { version?: number }

// ---------------------------------------------------------------- statistics

export interface CountBySeverity {
  CRITICAL?: number
  MAJOR?: number
  MINOR?: number
  INFO?: number
}

export interface StatisticsBucket {
  /** The bucket's start (a day or an hour). */
  start: string
  counts: CountBySeverity
}

export interface NamedCount {
  id: number | null
  name: string | null
  count: number
}

/** The statistics of a period, normalised by {@link normaliseStatistics}. */
export interface AlertStatistics {
  from: string | null
  to: string | null
  bucket: 'day' | 'hour'
  total: number
  bySeverity: CountBySeverity
  byState: Partial<Record<AlertState, number>>
  bySource: Record<string, number>
  buckets: StatisticsBucket[]
  topRules: NamedCount[]
  topResources: NamedCount[]
  /** ISO-8601 durations, or null when nothing was acknowledged / resolved. */
  meanTimeToAcknowledge: string | null
  meanTimeToResolve: string | null
}

export interface StatisticsQuery {
  from: string
  to: string
  bucket?: 'day' | 'hour'
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function number(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** `{A: 1}` or `[{key|severity|state|source: A, count: 1}]` → `{A: 1}`. */
function counts(value: unknown): Record<string, number> {
  const result: Record<string, number> = {}
  if (Array.isArray(value)) {
    for (const item of value) {
      const r = record(item)
      const key = r.key ?? r.severity ?? r.state ?? r.source ?? r.name
      if (typeof key === 'string') result[key] = number(r.count)
    }
  } else {
    for (const [key, v] of Object.entries(record(value))) result[key] = number(v)
  }
  return result
}

function named(value: unknown, idKeys: string[]): NamedCount[] {
  if (!Array.isArray(value)) return []
  return value.map((item) => {
    const r = record(item)
    const idKey = idKeys.find((k) => typeof r[k] === 'number')
    const nameKey = ['name', 'ruleName', 'ciName', 'resourceName', 'title'].find((k) => typeof r[k] === 'string')
    return { id: idKey ? (r[idKey] as number) : null, name: nameKey ? (r[nameKey] as string) : null, count: number(r.count ?? r.alerts) }
  })
}

/**
 * The statistics answer in one shape whatever the names of its parts (`bySeverity` as a map or as
 * a list of counts, buckets as `{start, counts}` or `{start, CRITICAL: n…}`), so the page reads one.
 */
export function normaliseStatistics(raw: unknown, bucket: 'day' | 'hour' = 'day'): AlertStatistics {
  const r = record(raw)
  const bySeverity = counts(r.bySeverity ?? r.severities)
  const rawBuckets = (r.buckets ?? r.perBucket ?? r.series ?? r.trend ?? []) as unknown
  const buckets: StatisticsBucket[] = Array.isArray(rawBuckets)
    ? rawBuckets.map((item) => {
        const b = record(item)
        const start = String(b.start ?? b.at ?? b.bucket ?? b.day ?? b.hour ?? '')
        const inner = b.counts ?? b.bySeverity ?? b.severities
        return { start, counts: counts(inner ?? Object.fromEntries(SEVERITIES.filter((s) => s in b).map((s) => [s, b[s]]))) }
      })
    : []
  const total = typeof r.total === 'number' ? r.total : Object.values(bySeverity).reduce((a, b) => a + b, 0)
  return {
    from: typeof r.from === 'string' ? r.from : null,
    to: typeof r.to === 'string' ? r.to : null,
    bucket: r.bucket === 'hour' || r.bucket === 'HOUR' ? 'hour' : r.bucket === 'day' || r.bucket === 'DAY' ? 'day' : bucket,
    total,
    bySeverity,
    byState: counts(r.byState ?? r.states),
    bySource: counts(r.bySource ?? r.sources),
    buckets,
    topRules: named(r.topRules ?? r.noisiestRules ?? r.rules, ['ruleId', 'id']),
    topResources: named(r.topResources ?? r.noisiestResources ?? r.resources, ['ciId', 'resourceId', 'id']),
    meanTimeToAcknowledge: typeof r.meanTimeToAcknowledge === 'string' ? r.meanTimeToAcknowledge : null,
    meanTimeToResolve: typeof r.meanTimeToResolve === 'string' ? r.meanTimeToResolve : null,
  }
}

// ---------------------------------------------------------------- the acknowledge link

/** What an acknowledge link is about (no secrets). */
export interface AckLink {
  alertId: number | null
  title: string
  severity: Severity
  state: AlertState
  ciName?: string | null
  startedAt?: string | null
  summary?: string | null
  /** Whether the link names its user; a robot's link does not (the page asks to sign in). */
  personal?: boolean
  expiresAt?: string | null
}

// ---------------------------------------------------------------- clients

/** Codes the pages explain themselves. */
export const STALE_VERSION = 'ALR-0002'
export const ALERT_RESOLVED = 'ALR-0022'

export const alertApi = {
  list: (query: AlertQuery = {}) => http.get<Page<Alert>>('alerts', { ...query }),
  /** The console's sound asks every 10 s: a failure shows nothing. */
  listQuietly: (query: AlertQuery = {}) => http.get<Page<Alert>>('alerts', { ...query }, { silent: true }),
  get: (id: number) => http.get<Alert>(`alerts/${id}`),
  timeline: (id: number) => http.get<TimelineEntry[]>(`alerts/${id}/timeline`),
  acknowledge: (ids: number[], comment?: string | null) =>
    http.post<Alert[]>('alerts/acknowledge', { ids, comment: comment || null }, { form: true }),
  resolve: (ids: number[], reason: string) => http.post<Alert[]>('alerts/resolve', { ids, reason }, { form: true }),
}

export const ruleApi = {
  list: (query: RuleQuery = {}) => http.get<Page<Rule>>('alert-rules', { ...query }),
  get: (id: number) => http.get<Rule>(`alert-rules/${id}`),
  metrics: () => http.get<RuleMetric[]>('alert-rules/metrics'),
  create: (input: RuleInput) => http.post<Rule>('alert-rules', input, { form: true }),
  update: (id: number, input: RuleInput) => http.put<Rule>(`alert-rules/${id}`, input, { form: true, quietCodes: [STALE_VERSION] }),
  remove: (id: number, version: number) => http.delete(`alert-rules/${id}`, { query: { version } }),
  override: (id: number, resourceId: number, input: Partial<RuleInput>) =>
    http.post<Rule>(`alert-rules/${id}/overrides`, input, { form: true, query: { resourceId } }),
  preview: (request: PreviewRequest) => http.post<Preview>('alert-rules/preview', request, { form: true }),
}

export const silenceApi = {
  list: (all = false) => http.get<Silence[]>('silences', { all: all || undefined }),
  get: (id: number) => http.get<Silence>(`silences/${id}`),
  create: (input: SilenceInput) => http.post<Silence>('silences', input, { form: true }),
  end: (id: number, version: number) => http.delete<Silence>(`silences/${id}`, { query: { version } }),
}

export const maintenanceApi = {
  list: () => http.get<MaintenanceWindow[]>('maintenance-windows'),
  get: (id: number) => http.get<MaintenanceWindow>(`maintenance-windows/${id}`),
  create: (input: MaintenanceInput) => http.post<MaintenanceWindow>('maintenance-windows', input, { form: true }),
  update: (id: number, input: MaintenanceInput) =>
    http.put<MaintenanceWindow>(`maintenance-windows/${id}`, input, { form: true, quietCodes: [STALE_VERSION] }),
  remove: (id: number, version: number) => http.delete(`maintenance-windows/${id}`, { query: { version } }),
}

export const routeApi = {
  list: () => http.get<NotificationRoute[]>('notification-routes'),
  get: (id: number) => http.get<NotificationRoute>(`notification-routes/${id}`),
  create: (input: RouteInput) => http.post<NotificationRoute>('notification-routes', input, { form: true }),
  update: (id: number, input: RouteInput) =>
    http.put<NotificationRoute>(`notification-routes/${id}`, input, { form: true, quietCodes: [STALE_VERSION] }),
  remove: (id: number, version: number) => http.delete(`notification-routes/${id}`, { query: { version } }),
  reorder: (ids: number[]) => http.put<NotificationRoute[]>('notification-routes/order', { ids }),
}

export const statisticsApi = {
  get: async (query: StatisticsQuery) => normaliseStatistics(await http.get<unknown>('alert-statistics', { ...query }), query.bucket ?? 'day'),
}

/** The public acknowledge link: no session needed; the page explains an expired or forged one itself. */
export const ackLinkApi = {
  get: (token: string) => http.get<AckLink>(`alerts/ack-links/${encodeURIComponent(token)}`, undefined, { silent: true }),
  acknowledge: (token: string) => http.post<AckLink>(`alerts/ack-links/${encodeURIComponent(token)}`, undefined, { silent: true }),
}
