import { apiUrl, download, http, type Page, type PageQuery } from './http'
import type { CiImportance } from './cmdb'

/**
 * Monitoring (docs/guide/16-monitoring.md): monitors (`/api/v1/monitors`), monitor types
 * (`/api/v1/monitor-types`), monitored resources and their events (`/api/v1/monitoring`), bulk
 * onboarding (`/api/v1/monitors/bulk`) and the metric store (`/api/v1/metrics`: ranges, latest
 * values, Top-N, baseline, disk forecast, store status). Instants are ISO-8601; a series' points
 * are epoch milliseconds.
 */

// ---------------------------------------------------------------- enums

export const MONITOR_STATUSES = ['PENDING', 'UP', 'PARTIAL', 'DOWN', 'DISABLED'] as const
export type MonitorStatus = (typeof MONITOR_STATUSES)[number]

export const RESOURCE_STATES = ['OK', 'WARNING', 'UNREACHABLE', 'PENDING', 'DISABLED'] as const
export type ResourceState = (typeof RESOURCE_STATES)[number]

export const OUTCOMES = ['SUCCESS', 'PARTIAL', 'TIMEOUT', 'UNREACHABLE', 'REFUSED', 'AUTH_FAILED', 'BAD_RESPONSE', 'CONFIG_ERROR', 'ERROR'] as const
export type Outcome = (typeof OUTCOMES)[number]

export const EVENT_KINDS = ['TRAP', 'PROCESS_MISSING', 'PROCESS_NEW', 'UNREACHABLE', 'REACHABLE'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export const PARAMETER_TYPES = ['HOST', 'PORT', 'TEXT', 'SECRET', 'NUMBER', 'BOOLEAN', 'CHOICE', 'URL', 'LIST'] as const
export type ParameterType = (typeof PARAMETER_TYPES)[number]

export const BULK_ROW_STATUSES = ['READY', 'EXISTS', 'INVALID', 'CREATED', 'SKIPPED', 'FAILED'] as const
export type BulkRowStatus = (typeof BULK_ROW_STATUSES)[number]

/** Fields the monitor list sorts by. */
export const MONITOR_SORT_FIELDS = ['name', 'status', 'typeId', 'host', 'lastCollectedAt', 'createdAt'] as const
/** Fields the resource list sorts by. */
export const RESOURCE_SORT_FIELDS = ['state', 'lastCollectedAt', 'monitors', 'ciId'] as const

/** The values the resource list shows beside each resource (ResourceController.HEADLINE). */
export const HEADLINE_METRICS = ['cpu_usage', 'mem_usage', 'fs_usage', 'ping_rtt_avg', 'if_in_bps'] as const
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number]

/** The interval a monitor may run at (seconds). */
export const MIN_INTERVAL = 10
export const MAX_INTERVAL = 3600

/** Default intervals by the CI's importance (R-MON-02). */
export const IMPORTANCE_INTERVALS: Record<CiImportance, number> = { CORE: 60, KEY: 120, GENERAL: 240 }

// ---------------------------------------------------------------- types and monitors

export type ParameterValue = string | number | boolean | string[] | null

export interface ParameterOption {
  value: string
  label: string
}

export interface ParameterDefinition {
  key: string
  type: ParameterType
  label: string
  help: string | null
  required: boolean
  defaultValue: ParameterValue
  options: ParameterOption[]
  min: number | null
  max: number | null
  showWhenKey: string | null
  showWhenValue: string | null
}

export interface Threshold {
  severity: string
  operator: string
  value: number
  forSeconds: number
}

export interface MetricDefinition {
  name: string
  label: string
  unit: string
  kind: string
  /** What a row is (接口, 挂载点), or null for one value per resource. */
  instance: string | null
  computed: boolean
  thresholds: Threshold[]
}

export interface MonitorType {
  id: string
  version: number
  name: string
  description: string | null
  category: string
  categoryText: string
  protocol: string
  appliesTo: string[]
  builtIn: boolean
  parameters: ParameterDefinition[]
  metrics: MetricDefinition[]
}

export interface Monitor {
  id: number
  ciId: number
  ciCode: string | null
  ciName: string | null
  ciClassCode: string | null
  importance: CiImportance | null
  organisationId: number
  typeId: string
  typeName: string
  protocol: string | null
  category: string | null
  name: string
  host: string | null
  parameters: Record<string, ParameterValue>
  /** The secret parameters holding a value (never the value). */
  secretsSet: string[]
  /** The monitor's own interval, or null: by its CI's importance. */
  intervalSeconds: number | null
  effectiveIntervalSeconds: number
  enabled: boolean
  status: MonitorStatus
  statusText: string
  lastOutcome: Outcome | null
  lastOutcomeText: string | null
  lastDetail: string | null
  lastCollectedAt: string | null
  lastSuccessAt: string | null
  lastDurationMs: number | null
  consecutiveFailures: number
  createdAt: string
  updatedAt: string
  version: number
}

export interface MonitorInput {
  ciId: number | null
  typeId: string
  name?: string | null
  parameters: Record<string, ParameterValue>
  intervalSeconds?: number | null
  enabled?: boolean
  version?: number
}

export interface MonitorQuery extends PageQuery {
  ciId?: number | null
  typeId?: string | null
  status?: MonitorStatus | null
  organisationId?: number | null
  q?: string
}

export interface TrialValue {
  metric: string
  label: string
  unit: string
  instance: string | null
  value: number
}

/** What "test now" found. */
export interface Trial {
  outcome: Outcome
  outcomeText: string
  collected: boolean
  detail: string | null
  durationMillis: number
  values: TrialValue[]
  facts: Record<string, string>
  inventories: Record<string, number>
}

export interface TemplateProblem {
  path: string
  message: string
}

export interface TemplateCheck {
  valid: boolean
  problems: TemplateProblem[]
}

// ---------------------------------------------------------------- resources and events

export interface Resource {
  ciId: number
  ciCode: string | null
  ciName: string | null
  classCode: string | null
  importance: CiImportance | null
  organisationId: number
  state: ResourceState
  stateText: string
  monitors: number
  enabled: number
  up: number
  down: number
  partial: number
  pending: number
  lastCollectedAt: string | null
  /** Newest headline values of the last 15 minutes (fullest disk, busiest link). */
  latest: Partial<Record<HeadlineMetric, number>>
}

export interface ResourcePage extends Page<Resource> {
  counts: Partial<Record<ResourceState, number>>
}

export interface ResourceQuery extends PageQuery {
  state?: ResourceState | null
  classCode?: string | null
  organisationId?: number | null
  q?: string
}

export interface MetricCatalogueEntry {
  monitorTypeId: string
  monitorId: number
  metric: MetricDefinition
  /** The rows the store holds (interfaces, mount points). */
  instances: string[]
}

export interface ResourceDetail {
  resource: Resource
  monitors: Monitor[]
  facts: Record<string, unknown>
  metrics: MetricCatalogueEntry[]
}

export interface ResourceEvent {
  id: number
  ciId: number | null
  ciName: string | null
  monitorId: number | null
  kind: EventKind
  kindText: string
  severity: string
  severityText: string
  summary: string
  details: Record<string, unknown> | null
  source: string | null
  occurredAt: string
  receivedAt: string
}

export interface EventQuery extends PageQuery {
  ciId?: number | null
  kind?: EventKind | null
  from?: string | null
  to?: string | null
}

// ---------------------------------------------------------------- bulk onboarding

export interface BulkSelection {
  classCode?: string | null
  tag?: string | null
  organisationId?: number | null
  businessSystemId?: number | null
  ciIds?: number[] | null
}

export interface BulkRequest {
  typeId: string
  selection: BulkSelection
  hostAttribute?: string | null
  parameters: Record<string, ParameterValue>
  intervalSeconds?: number | null
  enabled?: boolean
  skipExisting?: boolean
}

export interface BulkRow {
  row: number
  ciId: number | null
  ciCode: string | null
  ciName: string | null
  host: string | null
  status: BulkRowStatus
  monitorId: number | null
  problems: { field: string; message: string }[]
}

export interface BulkResult {
  applied: boolean
  total: number
  counts: Partial<Record<BulkRowStatus, number>>
  rows: BulkRow[]
}

// ---------------------------------------------------------------- metrics

export type Resolution = 'RAW' | 'STEP' | 'HOURLY'

export interface Series {
  series: string
  metric: string
  labels: Record<string, string>
  resource: number | null
  resourceName: string | null
  resolution: Resolution
  timestamps: number[]
  values: number[]
  min: number[] | null
  max: number[] | null
}

export interface SeriesAnswer {
  from: string
  to: string
  stepSeconds: number | null
  series: Series[]
}

export interface LatestValue {
  series: string
  metric: string
  labels: Record<string, string>
  resource: number | null
  resourceName: string | null
  timestamp: string
  value: number
}

/** A query by metric and labels (`label.<name>=value`, repeated for several values). */
export interface SeriesQuery {
  metric: string
  labels?: Record<string, string | string[] | undefined>
  from?: string | number
  to?: string | number
  /** `60s`, `5m`, `1h`…; none: raw samples. */
  step?: string
}

export interface TopQuery {
  metric: string
  n?: number
  order?: 'desc' | 'asc'
  lookback?: string
  labels?: Record<string, string | string[] | undefined>
}

export interface StorePartition {
  day: string
  rollup: boolean
  samples: number
  bytes: number
}

export interface StoreStatus {
  kind: string
  healthy: boolean
  problem: string | null
  series: number
  samples: number
  diskBytes: number
  bytesPerSample: number
  oldest: string | null
  newest: string | null
  partitions: StorePartition[]
}

export interface HourOfWeek {
  hourOfWeek: number
  dayOfWeek: number
  hour: number
  typical: number
  low: number
  high: number
  weeks: number
}

export interface Baseline {
  series: string
  from: string
  to: string
  zone: string
  hours: HourOfWeek[]
}

export interface DiskForecast {
  instance: string
  used: number
  size: number | null
  growthPerDay: number | null
  daysUntilFull: number | null
  points: number
}

export interface Forecast {
  resource: number
  days: number
  filesystems: DiskForecast[]
}

/** `{metric, label.resource: 7, …}` as the metric API takes it. */
export function seriesParams(metric: string, labels: Record<string, string | string[] | undefined> = {}): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = { metric }
  for (const [name, value] of Object.entries(labels)) {
    if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue
    query[`label.${name}`] = value
  }
  return query
}

/** A series' text form for the baseline API: `cpu_usage{monitor="3",resource="7"}` (labels sorted). */
export function seriesText(metric: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((name) => `${name}="${labels[name].replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
  return parts.length ? `${metric}{${parts.join(',')}}` : metric
}

// ---------------------------------------------------------------- clients

export const monitorApi = {
  list: (query: MonitorQuery = {}) => http.get<Page<Monitor>>('monitors', { ...query }),
  get: (id: number) => http.get<Monitor>(`monitors/${id}`),
  create: (input: MonitorInput) => http.post<Monitor>('monitors', input, { form: true }),
  update: (id: number, input: MonitorInput) => http.put<Monitor>(`monitors/${id}`, input, { form: true }),
  remove: (id: number, version: number) => http.delete(`monitors/${id}`, { query: { version } }),
  /** Collects once with the form's settings; `monitorId` fills secrets left empty from the stored ones. */
  test: (input: MonitorInput, monitorId?: number | null) =>
    http.post<Trial>('monitors/test', input, { form: true, query: { monitorId: monitorId ?? undefined } }),
}

export const monitorTypeApi = {
  list: () => http.get<MonitorType[]>('monitor-types'),
  get: (id: string) => http.get<MonitorType>(`monitor-types/${encodeURIComponent(id)}`),
  downloadTemplate: (id: string) => download(`monitor-types/${encodeURIComponent(id)}/template`, undefined, `${id}.yml`),
  check: (yaml: string) => http.post<TemplateCheck>('monitor-types/check', yamlBody(yaml)),
  /** Answers 400 `MON-0020` with `problems` (path, message) when the template has faults. */
  upload: (yaml: string) => http.post<MonitorType>('monitor-types', yamlBody(yaml), { quietCodes: ['MON-0020'] }),
  remove: (id: string) => http.delete(`monitor-types/${encodeURIComponent(id)}`),
}

function yamlBody(yaml: string): Blob {
  return new Blob([yaml], { type: 'application/yaml;charset=utf-8' })
}

export const resourceApi = {
  list: (query: ResourceQuery = {}) => http.get<ResourcePage>('monitoring/resources', { ...query }),
  get: (ciId: number) => http.get<ResourceDetail>(`monitoring/resources/${ciId}`),
  events: (query: EventQuery = {}) => http.get<Page<ResourceEvent>>('monitoring/events', { ...query }),
}

export const bulkApi = {
  preview: (request: BulkRequest) => http.post<BulkResult>('monitors/bulk/preview', request, { form: true }),
  apply: (request: BulkRequest) => http.post<BulkResult>('monitors/bulk', request, { form: true }),
  fileTemplateUrl: (typeId: string) => apiUrl('monitors/bulk/file-template', { typeId }),
  downloadFileTemplate: (typeId: string, fallbackName: string) => download('monitors/bulk/file-template', { typeId }, fallbackName),
  previewFile: (typeId: string, file: File, skipExisting = true) => http.upload<BulkResult>('monitors/bulk/file/preview', fileForm(file), { form: true, query: { typeId, skipExisting } }),
  applyFile: (typeId: string, file: File, skipExisting = true) => http.upload<BulkResult>('monitors/bulk/file', fileForm(file), { form: true, query: { typeId, skipExisting } }),
}

function fileForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file)
  return form
}

export const metricApi = {
  query: (query: SeriesQuery, signal?: AbortSignal) =>
    http.get<SeriesAnswer>('metrics/query', { ...seriesParams(query.metric, query.labels), from: query.from, to: query.to, step: query.step }, { signal, silent: !!signal }),
  latest: (metric: string, labels: Record<string, string | string[] | undefined> = {}, lookback?: string) =>
    http.get<LatestValue[]>('metrics/latest', { ...seriesParams(metric, labels), lookback }),
  top: (query: TopQuery) => http.get<LatestValue[]>('metrics/topn', { ...seriesParams(query.metric, query.labels), n: query.n, order: query.order, lookback: query.lookback }),
  store: () => http.get<StoreStatus>('metrics/store'),
  /** Quiet: a series without four weeks of history simply shows no band. */
  baseline: (series: string) => http.get<Baseline>('metrics/baseline', { series }, { silent: true }),
  forecast: (resource: number) => http.get<Forecast>('metrics/forecast', { resource }, { silent: true }),
}
