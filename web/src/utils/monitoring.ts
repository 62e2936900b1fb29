import type {
  BulkRowStatus,
  MonitorStatus,
  MonitorType,
  Outcome,
  ParameterDefinition,
  ParameterValue,
  ResourceState,
} from '@/api/monitoring'

/**
 * Pure rules of the monitoring pages: values by unit, the chart's step and range, the dynamic
 * monitor form (showWhen, required, checks), state colours and "3 分钟前". No Vue, no i18n
 * instance: texts come back as locale keys with parameters, or in the language passed.
 */

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'
type Lang = 'zh-CN' | 'en'

// ---------------------------------------------------------------- colours

/** Resource states: green, orange, red, grey. */
export const STATE_TAG: Record<ResourceState, TagType> = {
  OK: 'success',
  WARNING: 'warning',
  UNREACHABLE: 'danger',
  PENDING: 'info',
  DISABLED: 'info',
}

/** The same colours for charts and the clickable count tags. */
export const STATE_COLOUR: Record<ResourceState, string> = {
  OK: '#2f7d4f',
  WARNING: '#d48806',
  UNREACHABLE: '#c45656',
  PENDING: '#8492a6',
  DISABLED: '#b1b8c3',
}

export const MONITOR_STATUS_TAG: Record<MonitorStatus, TagType> = {
  UP: 'success',
  PARTIAL: 'warning',
  DOWN: 'danger',
  PENDING: 'info',
  DISABLED: 'info',
}

export function outcomeTag(outcome: Outcome | null | undefined): TagType {
  if (!outcome) return 'info'
  if (outcome === 'SUCCESS') return 'success'
  if (outcome === 'PARTIAL') return 'warning'
  return 'danger'
}

export const BULK_STATUS_TAG: Record<BulkRowStatus, TagType> = {
  READY: 'primary',
  CREATED: 'success',
  EXISTS: 'info',
  SKIPPED: 'info',
  INVALID: 'danger',
  FAILED: 'danger',
}

// ---------------------------------------------------------------- values by unit

const WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': { s: ' 秒', min: ' 分钟', h: ' 小时', d: ' 天', yes: '是', no: '否' },
  en: { s: ' s', min: ' min', h: ' h', d: ' d', yes: 'yes', no: 'no' },
}

/** A number with at most `digits` decimals, no trailing zeros; thousands grouped for large ones. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  const decimals = abs >= 100 ? Math.min(digits, 1) : digits
  const rounded = Number(value.toFixed(abs >= 1000 ? 0 : decimals))
  return abs >= 10000 ? rounded.toLocaleString('en-US') : String(rounded)
}

function scaled(value: number, base: number, units: string[], digits = 2): string {
  let v = value
  let i = 0
  while (Math.abs(v) >= base && i < units.length - 1) {
    v /= base
    i++
  }
  return `${formatNumber(v, digits)} ${units[i]}`
}

function duration(seconds: number, lang: Lang): string {
  const w = WORDS[lang]
  const abs = Math.abs(seconds)
  if (abs < 120) return `${formatNumber(seconds, 1)}${w.s}`
  if (abs < 7200) return `${formatNumber(seconds / 60, 1)}${w.min}`
  if (abs < 172800) return `${formatNumber(seconds / 3600, 1)}${w.h}`
  return `${formatNumber(seconds / 86400, 1)}${w.d}`
}

/**
 * A value in its unit as people read it: bytes → GB (1024), bits per second → Mbps (1000),
 * percent with %, milliseconds → ms or s, seconds → minutes/hours/days, booleans as yes/no.
 */
export function formatValue(value: number | null | undefined, unit: string | null | undefined, lang: Lang = 'zh-CN'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  switch (unit) {
    case 'percent':
      return `${formatNumber(value, 1)}%`
    case 'bytes':
      return scaled(value, 1024, ['B', 'KB', 'MB', 'GB', 'TB', 'PB'])
    case 'bytes_per_second':
      return scaled(value, 1024, ['B/s', 'KB/s', 'MB/s', 'GB/s', 'TB/s'])
    case 'bits_per_second':
      return scaled(value, 1000, ['bps', 'Kbps', 'Mbps', 'Gbps', 'Tbps'])
    case 'per_second':
      return `${formatNumber(value)}/s`
    case 'milliseconds':
      return Math.abs(value) >= 10000 ? `${formatNumber(value / 1000, 1)} s` : `${formatNumber(value, Math.abs(value) < 10 ? 2 : 1)} ms`
    case 'seconds':
      return duration(value, lang)
    case 'minutes':
      return duration(value * 60, lang)
    case 'days':
      return `${formatNumber(value, 1)}${WORDS[lang].d}`
    case 'celsius':
      return `${formatNumber(value, 1)} °C`
    case 'volts':
      return `${formatNumber(value, 1)} V`
    case 'amperes':
      return `${formatNumber(value, 2)} A`
    case 'watts':
      return scaled(value, 1000, ['W', 'kW', 'MW'])
    case 'hertz':
      return scaled(value, 1000, ['Hz', 'kHz', 'MHz', 'GHz'])
    case 'boolean':
      return value >= 0.5 ? WORDS[lang].yes : WORDS[lang].no
    case 'count':
      return Math.abs(value) >= 10000 ? scaled(value, 1000, ['', 'K', 'M', 'G']).trim() : formatNumber(value)
    case 'state':
      return String(Math.round(value))
    default:
      return formatNumber(value)
  }
}

/** A chart axis label: the same, shorter. */
export function formatAxis(value: number, unit: string | null | undefined, lang: Lang = 'zh-CN'): string {
  if (unit === 'boolean' || unit === 'state') return String(Math.round(value))
  return formatValue(value, unit, lang)
}

// ---------------------------------------------------------------- ranges and steps

export const RANGE_KEYS = ['1h', '6h', '24h', '7d', '30d'] as const
export type RangeKey = (typeof RANGE_KEYS)[number]

const RANGE_MILLIS: Record<RangeKey, number> = {
  '1h': 3600_000,
  '6h': 6 * 3600_000,
  '24h': 24 * 3600_000,
  '7d': 7 * 86400_000,
  '30d': 30 * 86400_000,
}

/** The range `[from, to]` (epoch ms) ending now. */
export function rangeOf(key: RangeKey, now: number): [number, number] {
  return [now - RANGE_MILLIS[key], now]
}

/** Steps a chart uses, in seconds: round numbers people read on an axis. */
export const NICE_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]

/**
 * The step of a range for about `points` points (300 by default): the smallest round step at
 * least `range / points` and at least the collection interval (finer steps would only have holes).
 */
export function chooseStep(from: number, to: number, intervalSeconds = 0, points = 300): number {
  const wanted = Math.max((to - from) / 1000 / points, intervalSeconds, 1)
  return NICE_STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86400) * 86400
}

/** `60s`, `5m`, `1h`, `1d`: how the metric API takes a step. */
export function stepParam(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}

/** How often a chart refreshes itself while its range ends now: every interval, never faster than 10 s. */
export function refreshMillis(intervalSeconds: number): number {
  return Math.max(10, intervalSeconds || 60) * 1000
}

// ---------------------------------------------------------------- "3 分钟前"

export type AgoUnit = 'now' | 'seconds' | 'minutes' | 'hours' | 'days'

/** How long ago an instant was, as a locale key's unit and number (`monitoring.ago.<unit>`). */
export function agoParts(at: string | number | null | undefined, now: number): { unit: AgoUnit; n: number } | null {
  if (at === null || at === undefined || at === '') return null
  const time = typeof at === 'number' ? at : Date.parse(at)
  if (Number.isNaN(time)) return null
  const seconds = Math.max(0, Math.floor((now - time) / 1000))
  if (seconds < 10) return { unit: 'now', n: 0 }
  if (seconds < 60) return { unit: 'seconds', n: seconds }
  if (seconds < 3600) return { unit: 'minutes', n: Math.floor(seconds / 60) }
  if (seconds < 86400) return { unit: 'hours', n: Math.floor(seconds / 3600) }
  return { unit: 'days', n: Math.floor(seconds / 86400) }
}

// ---------------------------------------------------------------- the dynamic monitor form

export type ParameterValues = Record<string, ParameterValue>

/** A value as the form holds it: lists as arrays, numbers as numbers, the rest as text. */
export function initialValue(p: ParameterDefinition, stored?: ParameterValue): ParameterValue {
  const value = stored !== undefined && stored !== null ? stored : p.type === 'SECRET' ? null : p.defaultValue
  switch (p.type) {
    case 'LIST':
      return Array.isArray(value) ? value.map(String) : value === null || value === undefined || value === '' ? [] : String(value).split(/[,，\n]/).map((s) => s.trim()).filter(Boolean)
    case 'BOOLEAN':
      return value === null || value === undefined ? false : value === true || value === 'true'
    case 'NUMBER':
    case 'PORT':
      return value === null || value === undefined || value === '' ? null : Number(value)
    default:
      return value === null || value === undefined ? '' : String(value)
  }
}

/** The form's values of a type: stored ones (an edit) over the defaults. */
export function initialValues(type: MonitorType, stored: ParameterValues = {}): ParameterValues {
  const values: ParameterValues = {}
  for (const p of type.parameters) values[p.key] = initialValue(p, stored[p.key])
  return values
}

function isBlank(value: ParameterValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)
}

/** Whether a parameter shows: no `showWhen`, or the other parameter (or its default) has one of the `a|b` values. */
export function isShown(p: ParameterDefinition, values: ParameterValues, all: ParameterDefinition[]): boolean {
  if (!p.showWhenKey) return true
  const other = all.find((o) => o.key === p.showWhenKey)
  let value = values[p.showWhenKey]
  if (isBlank(value) && other) value = other.defaultValue
  if (value === null || value === undefined) return false
  return (p.showWhenValue ?? '').split('|').includes(String(value))
}

/** The parameters the form shows now. */
export function shownParameters(type: MonitorType, values: ParameterValues): ParameterDefinition[] {
  return type.parameters.filter((p) => isShown(p, values, type.parameters))
}

/** A parameter that must be filled in: required without a default (a stored secret counts as filled). */
export function isRequired(p: ParameterDefinition, secretsSet: readonly string[] = []): boolean {
  if (!p.required) return false
  if (p.type === 'SECRET') return !secretsSet.includes(p.key)
  return p.defaultValue === null || p.defaultValue === undefined || p.defaultValue === ''
}

/** A problem of one field as a locale key under `monitoring.form.problem.` with its parameters. */
export interface ParameterProblem {
  key: 'required' | 'port' | 'number' | 'numberMin' | 'numberMax' | 'url' | 'host'
  params?: Record<string, unknown>
}

const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\[?[0-9a-fA-F:.]+\]?$/
const URL_PATTERN = /^https?:\/\/[^\s/]+/i

/** The checks the form makes before asking the server (which checks everything again). */
export function parameterProblem(p: ParameterDefinition, value: ParameterValue | undefined, secretsSet: readonly string[] = []): ParameterProblem | null {
  if (isBlank(value)) return isRequired(p, secretsSet) ? { key: 'required' } : null
  switch (p.type) {
    case 'PORT': {
      const port = Number(value)
      return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : { key: 'port' }
    }
    case 'NUMBER': {
      const n = Number(value)
      if (!Number.isFinite(n) || !Number.isInteger(n)) return { key: 'number' }
      if (p.min !== null && p.min !== undefined && n < p.min) return { key: 'numberMin', params: { min: p.min } }
      if (p.max !== null && p.max !== undefined && n > p.max) return { key: 'numberMax', params: { max: p.max } }
      return null
    }
    case 'URL':
      return URL_PATTERN.test(String(value).trim()) ? null : { key: 'url' }
    case 'HOST':
      return HOST.test(String(value).trim()) ? null : { key: 'host' }
    default:
      return null
  }
}

/** Every shown field's problem, by key. */
export function parameterProblems(type: MonitorType, values: ParameterValues, secretsSet: readonly string[] = []): Record<string, ParameterProblem> {
  const problems: Record<string, ParameterProblem> = {}
  for (const p of shownParameters(type, values)) {
    const problem = parameterProblem(p, values[p.key], secretsSet)
    if (problem) problems[p.key] = problem
  }
  return problems
}

/**
 * The parameters to send: only the shown ones, blanks left out (the server then uses the
 * default, and an empty secret keeps the stored one), texts trimmed, lists without empty items.
 */
export function parametersToSend(type: MonitorType, values: ParameterValues): ParameterValues {
  const result: ParameterValues = {}
  for (const p of shownParameters(type, values)) {
    const value = values[p.key]
    if (p.type === 'BOOLEAN') {
      result[p.key] = value === true
      continue
    }
    if (isBlank(value)) continue
    if (p.type === 'LIST') result[p.key] = (value as string[]).map((s) => s.trim()).filter(Boolean)
    else if (p.type === 'NUMBER' || p.type === 'PORT') result[p.key] = Number(value)
    else if (p.type === 'SECRET') result[p.key] = String(value)
    else result[p.key] = String(value).trim()
  }
  return result
}

/** Types grouped by category (in the order of the categories' first types), each sorted by name. */
export function typesByCategory(types: MonitorType[], query = ''): { category: string; categoryText: string; types: MonitorType[] }[] {
  const q = query.trim().toLowerCase()
  const groups = new Map<string, { category: string; categoryText: string; types: MonitorType[] }>()
  for (const type of types) {
    if (q && ![type.name, type.id, type.protocol, type.categoryText].some((s) => s?.toLowerCase().includes(q))) continue
    let group = groups.get(type.category)
    if (!group) {
      group = { category: type.category, categoryText: type.categoryText, types: [] }
      groups.set(type.category, group)
    }
    group.types.push(type)
  }
  for (const group of groups.values()) group.types.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  return [...groups.values()]
}

// ---------------------------------------------------------------- charts

/** Units whose charts get a baseline band: gauges of a level, not states or yes/no. */
export function hasBaseline(unit: string, kind: string): boolean {
  return kind === 'GAUGE' && !['boolean', 'state', 'none'].includes(unit)
}

/** The most rows a chart draws as lines of their own. */
export const MAX_CHART_ROWS = 10

/** The hour of week (0 = Monday 00:00) of an instant in local time, as the baseline counts it. */
export function hourOfWeek(millis: number): number {
  const date = new Date(millis)
  return ((date.getDay() + 6) % 7) * 24 + date.getHours()
}

/** The baseline of one hour of week, as the baseline API answers it. */
export interface BandHour {
  hourOfWeek: number
  typical: number
  low: number
  high: number
}

/**
 * The baseline band over a range: a point at the range's start and at every hour boundary in it
 * (plus its end), each carrying the band of the hour of week it starts (null where the baseline has
 * no such hour), for a chart that steps at the start of each point.
 */
export function bandPoints(hours: BandHour[], from: number, to: number): { ts: number; hour: BandHour | null }[] {
  const byHour = new Map(hours.map((h) => [h.hourOfWeek, h]))
  const points: { ts: number; hour: BandHour | null }[] = []
  const first = Math.floor(from / 3_600_000) * 3_600_000
  for (let ts = first; ts < to; ts += 3_600_000) {
    const at = Math.max(ts, from)
    points.push({ ts: at, hour: byHour.get(hourOfWeek(at)) ?? null })
  }
  points.push({ ts: to, hour: byHour.get(hourOfWeek(to)) ?? null })
  return points
}

/**
 * Where a chart's time axis starts: at the range's start, unless the data begins well inside the
 * range (a monitor added minutes ago on a 1-hour chart), then shortly before its first point — two
 * steps or a tenth of the data's span, whichever is longer — so that new data fills the chart
 * instead of a sliver at its right edge. `first` is the earliest timestamp shown, null for none.
 */
export function axisStart(from: number, to: number, first: number | null, stepSeconds: number): number {
  if (first === null || first - from <= (to - from) / 4) return from
  return Math.max(from, first - Math.max(2 * stepSeconds * 1000, (to - first) / 10))
}

/** A date `YYYY-MM-DD` a number of days after now (the disk forecast's "写满" date). */
export function dateAfterDays(days: number, now: number): string {
  const date = new Date(now + days * 86400_000)
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
