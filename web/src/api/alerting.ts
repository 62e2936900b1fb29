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
  'UNROUTED',
  'NOTIFIED',
  'CAPPED',
  'ACKNOWLEDGED',
  'ACK_BY_LINK',
  'TICKET_OPENED',
  'TICKET_JOINED',
  'TICKET_RESOLVED',
  'TICKET_CLOSED',
  'RESOLVED',
  'RESOLVED_BY_HAND',
] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

/** The notification steps a NOTIFIED entry names (`FIRING · route (#3) · 2`). */
export const NOTIFICATION_STEPS = ['FIRING', 'RESOLVED', 'FLAPPING', 'REPEAT', 'ESCALATION'] as const

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

/** The preview against history: the rule as written (saved or not), 1–31 days back, optionally one resource. */
export interface PreviewRequest {
  rule: RuleInput
  days: number
  resourceId?: number | null
}

export interface PreviewFiring {
  ciId: number
  ciName: string | null
  series: string | null
  instance: string | null
  startedAt: string
  /** Null while still firing at the end of the period. */
  endedAt: string | null
  peak: number | null
}

/** The replay's answer; `previewable` false (with `reason`) for rules history cannot replay (events, forecasts, expressions). */
export interface Preview {
  previewable: boolean
  reason: string | null
  from: string
  to: string
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

/** A recipient or matcher named; `available` false when it no longer exists or is disabled; `kind` for robots. */
export interface NamedRef {
  id: number
  name: string | null
  available: boolean
  kind: string | null
}

export interface NotificationRoute {
  id: number
  name: string
  position: number
  enabled: boolean
  /** Empty: every severity. */
  severities: Severity[]
  organisationId: number | null
  organisationName: string | null
  classCode: string | null
  tag: string | null
  businessSystemId: number | null
  businessSystemName: string | null
  userIds: number[]
  users: NamedRef[]
  groupIds: number[]
  groups: NamedRef[]
  endpointIds: number[]
  endpoints: NamedRef[]
  channels: RouteChannel[]
  groupWaitSeconds: number
  repeatMinutes: number
  escalateAfterMinutes: number
  escalateUserIds: number[]
  escalateUsers: NamedRef[]
  escalateGroupIds: number[]
  escalateGroups: NamedRef[]
  escalateVoice: boolean
  capCount: number
  capPeriodMinutes: number
  notifyResolved: boolean
  openIncident: boolean
  continueMatching: boolean
  createdAt: string | null
  updatedAt: string | null
  version: number
}

/** What the server takes to write a route (NotificationRoutes.RouteInput); `version` on a change. */
export interface RouteInput {
  name: string
  enabled: boolean
  severities: Severity[]
  organisationId: number | null
  classCode: string | null
  tag: string | null
  businessSystemId: number | null
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
  version?: number
}

// ---------------------------------------------------------------- statistics

export type CountBySeverity = Partial<Record<Severity, number>>

export interface StatisticsBucket {
  /** The bucket's start (a day or an hour in the site's zone). */
  start: string
  bySeverity: CountBySeverity
  total: number
}

/** A rule or resource with how many alerts it raised (and how many of them flapped). */
export interface NoisyItem {
  id: number | null
  name: string | null
  alerts: number
  flapping: number
}

/** The statistics of a period (AlertStatistics.Report). */
export interface AlertStatistics {
  from: string
  to: string
  bucket: 'day' | 'hour'
  total: number
  open: number
  bySeverity: CountBySeverity
  byState: Partial<Record<AlertState, number>>
  bySource: Record<string, number>
  buckets: StatisticsBucket[]
  /** ISO-8601 durations, or null when nothing was acknowledged / resolved. */
  meanTimeToAcknowledge: string | null
  meanTimeToResolve: string | null
  acknowledged: number
  resolved: number
  quiet: number
  flapping: number
  topRules: NoisyItem[]
  topResources: NoisyItem[]
}

/** Instants; `bucket` hour (up to 7 days) or day; defaults: the last 7 days. */
export interface StatisticsQuery {
  from?: string
  to?: string
  bucket?: 'day' | 'hour'
}

// ---------------------------------------------------------------- the acknowledge link

/**
 * What an acknowledge link is about (no secrets): the alert, for whom the link is
 * (`signInRequired` when it came through a group robot) and until when it works; `acknowledged`
 * tells whether this request acknowledged it.
 */
export interface AckLink {
  alertId: number
  title: string
  severity: Severity
  state: AlertState
  resource: string | null
  startedAt: string | null
  acknowledgedAt: string | null
  acknowledgedByName: string | null
  resolvedAt: string | null
  recipientName: string | null
  signInRequired: boolean
  expiresAt: string | null
  acknowledged: boolean
}

/** The acknowledge link's refusals: unknown (forged), expired, needs sign-in, too many requests, person disabled. */
export const ACK_LINK_UNKNOWN = 'ALR-0065'
export const ACK_LINK_EXPIRED = 'ALR-0066'
export const ACK_LINK_NEEDS_SIGN_IN = 'ALR-0067'
export const ACK_LINK_TOO_MANY = 'ALR-0068'
export const ACK_LINK_USER_DISABLED = 'ALR-0069'

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
  get: (query: StatisticsQuery = {}) => http.get<AlertStatistics>('alert-statistics', { ...query }),
}

/** The public acknowledge link: no session needed; the page explains an expired or forged one itself. */
export const ackLinkApi = {
  get: (token: string) => http.get<AckLink>(`alerts/ack-links/${encodeURIComponent(token)}`, undefined, { silent: true }),
  acknowledge: (token: string) => http.post<AckLink>(`alerts/ack-links/${encodeURIComponent(token)}`, undefined, { silent: true }),
}
