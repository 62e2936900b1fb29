import { download, http } from './http'
import { definitionApi, type DefinitionHeader, type DefinitionOption, type DefinitionVersionFields } from './definitions'

/**
 * Working calendars (工作日历, `/api/v1/calendars`) and the official holiday schedule
 * (节假日安排, `/api/v1/holiday-schedule`). Times are ISO-8601 with an offset; durations ISO-8601
 * (`PT8H`, `P1D` = one working day of the calendar). The UI never does calendar arithmetic itself.
 */

// ---------------------------------------------------------------- enums

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export type DayType = 'WORKDAY' | 'REST_DAY' | 'HOLIDAY' | 'MAKE_UP_WORKDAY'
export const DAY_TYPES: DayType[] = ['WORKDAY', 'REST_DAY', 'HOLIDAY', 'MAKE_UP_WORKDAY']

export type ScheduleKind = 'HOLIDAY' | 'WORKDAY'
export const SCHEDULE_KINDS: ScheduleKind[] = ['HOLIDAY', 'WORKDAY']

/** Formats the server reads a holiday file as (`format` of an import result). */
export const SCHEDULE_FORMATS = ['TEXT', 'XLSX', 'ICALENDAR'] as const

/** Codes of the built-in, read-only presets. */
export const ROUND_THE_CLOCK = '7x24'
export const OFFICE_HOURS = '5x8'

/** The zone of Beijing time, the default of every calendar. */
export const BEIJING_ZONE = 'Asia/Shanghai'

// ---------------------------------------------------------------- calendars

/** A calendar in the list: the definition header and its hours. */
export interface CalendarSummary extends DefinitionHeader {
  zone: string
  followsOfficialHolidays: boolean
  roundTheClock: boolean
  /** Working time of one working day (what `P1D` means). */
  workingDayMinutes: number
  /** Working time of an ordinary week (no holidays). */
  weekMinutes: number
}

/** A calendar in a picker. */
export interface CalendarOption extends DefinitionOption {
  roundTheClock: boolean
  workingDayMinutes: number
}

/** `08:30`–`12:00`; `24:00` ends a day. */
export interface Period {
  start: string
  end: string
}

/** Dates from `from` to `to` (both included; `to` may be left out for one day), with a name. */
export interface DateRange {
  from: string
  to: string | null
  name: string | null
}

export interface CalendarDefinition {
  zone: string
  week: Record<Weekday, Period[]>
  /** Periods of a make-up working day (调休上班); empty = those of the first weekday Monday–Friday that has any. */
  makeUpDay: Period[]
  followsOfficialHolidays: boolean
  holidays: DateRange[]
  workdays: DateRange[]
}

/** A calendar at a version (the current one unless asked) with that version's note. */
export interface CalendarDetail extends DefinitionVersionFields {
  calendar: CalendarSummary
  definition: CalendarDefinition
}

export interface CalendarDay {
  date: string
  type: DayType
  /** Holiday or make-up day name; null on ordinary days. */
  name: string | null
  workingMinutes: number
}

export interface CalendarYear {
  code: string
  version: number
  year: number
  /** False when the official schedule of that year has not been imported (weekends only then). */
  officialScheduleKnown: boolean
  days: CalendarDay[]
}

export interface DeadlineAnswer {
  deadline: string
  calendar: string
  version: number
  start: string
  duration: string
  /** The duration as working time on this calendar (`P1D` → `PT8H` on 5×8). */
  workingTime: string
}

export interface ElapsedAnswer {
  elapsed: string
  minutes: number
  calendar: string
  version: number
}

export interface WorkingTimeAnswer {
  workingTime: boolean
  next: string
  calendar: string
  version: number
}

// ---------------------------------------------------------------- holiday schedule

export interface ScheduleYear {
  year: number
  source: string | null
  importedAt: string | null
  importedBy: number | null
  /** Display name of who imported it; null for built-in years. */
  importedByName: string | null
  holidays: number
  workdays: number
}

export interface ScheduleDay {
  date: string
  kind: ScheduleKind
  name: string | null
}

export interface ScheduleStatus {
  today: string
  currentYear: number
  currentYearKnown: boolean
  nextYear: number
  nextYearKnown: boolean
  /** Show a warning: this year is missing, or next year is missing and it is 1 November or later. */
  warning: boolean
  warnFrom: string
  knownYears: number[]
}

export interface ScheduleYearChange {
  year: number
  holidays: number
  workdays: number
  /** The year was not known before. */
  added: boolean
  /** The dates differ from what is stored (false: unchanged). */
  changed: boolean
}

export interface ScheduleLineError {
  line: number | null
  message: string
}

export interface ScheduleImportResult {
  valid: boolean
  written: boolean
  format: string | null
  years: ScheduleYearChange[]
  errors: ScheduleLineError[]
  /** Codes of the calendars that got a new version. */
  calendars: string[]
}

/** The largest holiday file the server reads (and the UI checks before uploading). */
export const SCHEDULE_MAX_BYTES = 1024 * 1024

/** File endings the import reads. */
export const SCHEDULE_FILE_TYPES = ['.txt', '.csv', '.xlsx', '.ics']

// ---------------------------------------------------------------- helpers

/** `2026-02-13T17:00:00` (a wall-clock time in Beijing) → `2026-02-13T17:00:00+08:00`. */
export function beijingInstant(local: string): string {
  const text = local.trim().replace(' ', 'T')
  if (/([+-]\d{2}:\d{2}|Z)$/.test(text)) return text
  const withSeconds = /T\d{2}:\d{2}$/.test(text) ? `${text}:00` : text
  return `${withSeconds}+08:00`
}

/** An ISO-8601 duration the API takes: days (working days), hours and minutes; null when all are 0. */
export function isoDuration(parts: { days?: number | null; hours?: number | null; minutes?: number | null }): string | null {
  const days = Math.max(0, Math.floor(parts.days ?? 0))
  const hours = Math.max(0, Math.floor(parts.hours ?? 0))
  const minutes = Math.max(0, Math.floor(parts.minutes ?? 0))
  if (!days && !hours && !minutes) return null
  let text = 'P'
  if (days) text += `${days}D`
  if (hours || minutes) text += 'T'
  if (hours) text += `${hours}H`
  if (minutes) text += `${minutes}M`
  return text
}

/** Minutes of an ISO-8601 time duration such as `PT1H30M` (days count as 24 hours); null when unreadable. */
export function durationMinutes(iso: string | null | undefined): number | null {
  if (!iso) return null
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso.trim())
  if (!match || iso.trim() === 'P' || iso.trim() === 'PT') return null
  const [, d, h, m, s] = match
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(m ?? 0) + Math.floor(Number(s ?? 0) / 60)
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() && !Number.isNaN(Number(value))) return Number(value)
  return null
}

/**
 * The result of an import from its answer: the body of a 200, or the members of a refused file's
 * problem (400 `CAL-0011` carries `valid`, `format`, `years` and `errors` with `line`, `message`).
 * Null when the problem is no import result (unsupported file `CAL-0012`, too large `CAL-0013`).
 */
export function scheduleImportResultOf(body: Record<string, unknown> | null | undefined): ScheduleImportResult | null {
  if (!body) return null
  const errors: ScheduleLineError[] = Array.isArray(body.errors)
    ? body.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .filter((e) => 'line' in e)
        .map((e) => ({ line: numberOrNull(e.line), message: typeof e.message === 'string' ? e.message : '' }))
    : []
  if (typeof body.valid !== 'boolean' && !errors.length) return null
  const years: ScheduleYearChange[] = Array.isArray(body.years)
    ? body.years
        .filter((y): y is Record<string, unknown> => typeof y === 'object' && y !== null)
        .map((y) => ({
          year: numberOrNull(y.year) ?? 0,
          holidays: numberOrNull(y.holidays) ?? 0,
          workdays: numberOrNull(y.workdays) ?? 0,
          added: y.added === true,
          changed: y.changed === true,
        }))
    : []
  return {
    valid: typeof body.valid === 'boolean' ? body.valid && errors.length === 0 : errors.length === 0,
    written: body.written === true,
    format: typeof body.format === 'string' ? body.format : null,
    years,
    errors,
    calendars: Array.isArray(body.calendars) ? body.calendars.filter((c): c is string => typeof c === 'string') : [],
  }
}

// ---------------------------------------------------------------- the client

const enc = encodeURIComponent

/** Error codes the calendar pages react to. */
export const CAL_ERRORS = {
  staleVersion: 'CAL-0019',
  inUse: 'CAL-0010',
} as const

export const calendarApi = {
  /** list (paged), options, get, versions, version, create, update (409 `CAL-0019` when stale), remove (409 `CAL-0010` in use). */
  ...definitionApi<CalendarDefinition, CalendarSummary, CalendarDetail, CalendarOption>('calendars'),
  year: (code: string, year: number, version?: number | null) =>
    http.get<CalendarYear>(`calendars/${enc(code)}/years/${year}`, { version: version ?? undefined }),
  /** `start` with its offset (the query encodes the `+`). Silent: the calculator shows the problem next to its fields. */
  deadline: (code: string, start: string, duration: string, version?: number | null) =>
    http.get<DeadlineAnswer>(`calendars/${enc(code)}/deadline`, { start, duration, version: version ?? undefined }, { silent: true }),
  elapsed: (code: string, from: string, to: string, version?: number | null) =>
    http.get<ElapsedAnswer>(`calendars/${enc(code)}/elapsed`, { from, to, version: version ?? undefined }, { silent: true }),
  workingTime: (code: string, at: string, version?: number | null) =>
    http.get<WorkingTimeAnswer>(`calendars/${enc(code)}/working-time`, { at, version: version ?? undefined }, { silent: true }),
}

export const holidayScheduleApi = {
  years: () => http.get<ScheduleYear[]>('holiday-schedule/years'),
  days: (year: number) => http.get<ScheduleDay[]>(`holiday-schedule/years/${year}`),
  /** Silent: a banner that cannot load simply does not show. */
  status: () => http.get<ScheduleStatus>('holiday-schedule/status', undefined, { silent: true }),
  template: (fallbackName: string) => download('holiday-schedule/template.xlsx', undefined, fallbackName),
  /**
   * Uploads a holiday file (text, xlsx or iCalendar). Silent: the wizard shows the outcome, also
   * the line errors of a refused file (400 `CAL-0011`, see {@link scheduleImportResultOf}).
   */
  import: (file: File, dryRun: boolean) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload<ScheduleImportResult>('holiday-schedule/import', form, { query: { dryRun }, silent: true })
  },
}
