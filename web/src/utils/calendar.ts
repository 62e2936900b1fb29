import { WEEKDAYS, type CalendarDay, type CalendarDefinition, type DateRange, type DayType, type Period, type Weekday } from '@/api/calendar'

/**
 * Pure helpers of the calendar pages: times and periods as the editor checks them before saving
 * (the server checks the same and has the last word), hours for display, and the month grids of
 * the year view. No business-time arithmetic here: deadlines and elapsed time come from the API.
 */

/** Most periods one day may have (as the server checks it). */
export const MAX_PERIODS_PER_DAY = 12
/** The longest own holiday or working-day range, in days (as the server checks it). */
export const MAX_RANGE_DAYS = 366

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Minutes after midnight of `HH:mm`; `24:00` only as an end. Null for anything else. */
export function timeMinutes(text: string | null | undefined, asEnd = false): number | null {
  if (!text) return null
  const value = text.trim()
  if (asEnd && value === '24:00') return 1440
  const match = TIME.exec(value)
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

/** `HH:mm` of minutes after midnight (1440 → `24:00`). */
export function timeText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`
}

/** The times a period picker offers: every `step` minutes of the day, and `24:00` for ends. */
export function timeOptions(step = 30, asEnd = false): string[] {
  const options: string[] = []
  for (let m = asEnd ? step : 0; m < 1440; m += step) options.push(timeText(m))
  if (asEnd) options.push('24:00')
  return options
}

/** Working minutes of a day's periods (bad periods count as nothing). */
export function periodMinutes(periods: readonly Period[]): number {
  let total = 0
  for (const p of periods) {
    const start = timeMinutes(p.start)
    const end = timeMinutes(p.end, true)
    if (start !== null && end !== null && end > start) total += end - start
  }
  return total
}

/** Hours of some minutes as text without needless decimals: 480 → `8`, 450 → `7.5`, 2250 → `37.5`. */
export function hoursOf(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100
  return String(hours)
}

/** Whole hours and the minutes left: 90 → `{hours: 1, minutes: 30}`. */
export function hoursAndMinutes(minutes: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.round(minutes))
  return { hours: Math.floor(whole / 60), minutes: whole % 60 }
}

/** What is wrong with an entry of a definition: a translation key under `calendar.problem.` and its parameters. */
export interface DefinitionProblem {
  /** As the server names fields: `week.MONDAY[1]`, `makeUpDay[0]`, `week`, `holidays[0].to`, `zone` … */
  field: string
  code: 'badStart' | 'badEnd' | 'endBeforeStart' | 'overlap' | 'tooMany' | 'noWorkingTime' | 'noMakeUpTime' | 'missingFrom' | 'rangeReversed' | 'rangeTooLong' | 'nameTooLong' | 'holidayAndWorkday' | 'zoneRequired'
  params?: Record<string, string | number>
}

/**
 * The problems of one day's periods, named like the server names them (`<field>[<index>]`): times
 * that are not `HH:mm`, an end not after its start, a period overlapping an earlier one of the
 * same day, more than {@link MAX_PERIODS_PER_DAY} periods (on `<field>` itself).
 */
export function checkPeriods(field: string, periods: readonly Period[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  if (periods.length > MAX_PERIODS_PER_DAY) problems.push({ field, code: 'tooMany', params: { n: MAX_PERIODS_PER_DAY } })
  const good: { start: number; end: number; index: number }[] = []
  periods.forEach((period, index) => {
    const name = `${field}[${index}]`
    const start = timeMinutes(period.start)
    const end = timeMinutes(period.end, true)
    if (start === null) {
      problems.push({ field: name, code: 'badStart' })
      return
    }
    if (end === null) {
      problems.push({ field: name, code: 'badEnd' })
      return
    }
    if (end <= start) {
      problems.push({ field: name, code: 'endBeforeStart' })
      return
    }
    const other = good.find((g) => start < g.end && g.start < end)
    if (other) {
      problems.push({ field: name, code: 'overlap', params: { other: `${timeText(other.start)}–${timeText(other.end)}` } })
      return
    }
    good.push({ start, end, index })
  })
  return problems
}

/** Days from `from` to `to` (ISO dates), both included; NaN when either is not a date. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / 86_400_000)
}

function utcDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return NaN
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
}

function checkRanges(field: string, ranges: readonly DateRange[], problems: DefinitionProblem[]): void {
  ranges.forEach((range, index) => {
    const name = `${field}[${index}]`
    if (!range.from) {
      problems.push({ field: `${name}.from`, code: 'missingFrom' })
      return
    }
    const to = range.to || range.from
    const length = daysBetween(range.from, to)
    if (length < 0) problems.push({ field: `${name}.to`, code: 'rangeReversed' })
    else if (length >= MAX_RANGE_DAYS) problems.push({ field: `${name}.to`, code: 'rangeTooLong', params: { n: MAX_RANGE_DAYS } })
    else if (range.name && range.name.length > 100) problems.push({ field: `${name}.name`, code: 'nameTooLong', params: { n: 100 } })
  })
}

/** The first date both in a holiday range and a working-day range, or null. */
function firstCommonDate(holidays: readonly DateRange[], workdays: readonly DateRange[]): { index: number; date: string } | null {
  for (let w = 0; w < workdays.length; w++) {
    const work = workdays[w]
    if (!work.from) continue
    const workTo = work.to || work.from
    for (const holiday of holidays) {
      if (!holiday.from) continue
      const holidayTo = holiday.to || holiday.from
      const start = work.from > holiday.from ? work.from : holiday.from
      const end = workTo < holidayTo ? workTo : holidayTo
      if (start <= end) return { index: w, date: start }
    }
  }
  return null
}

/**
 * Everything the editor checks before saving, with the server's field names so that client and
 * server problems show at the same rows.
 */
export function checkDefinition(definition: CalendarDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  if (!definition.zone?.trim()) problems.push({ field: 'zone', code: 'zoneRequired' })
  for (const day of WEEKDAYS) problems.push(...checkPeriods(`week.${day}`, definition.week[day] ?? []))
  problems.push(...checkPeriods('makeUpDay', definition.makeUpDay))
  const hasWeekProblems = problems.some((p) => p.field.startsWith('week'))
  if (!hasWeekProblems && WEEKDAYS.every((d) => !(definition.week[d] ?? []).length)) {
    problems.push({ field: 'week', code: 'noWorkingTime' })
  } else if (
    !hasWeekProblems &&
    !definition.makeUpDay.length &&
    (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as Weekday[]).every((d) => !(definition.week[d] ?? []).length)
  ) {
    problems.push({ field: 'makeUpDay', code: 'noMakeUpTime' })
  }
  checkRanges('holidays', definition.holidays, problems)
  checkRanges('workdays', definition.workdays, problems)
  const common = firstCommonDate(definition.holidays, definition.workdays)
  if (common) problems.push({ field: `workdays[${common.index}]`, code: 'holidayAndWorkday', params: { date: common.date } })
  return problems
}

/** Field errors by field (several messages on one field joined with `；`). */
export function errorsByField(errors: readonly { field: string; message: string }[]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const e of errors) {
    if (!e.message) continue
    const field = e.field || ''
    result[field] = result[field] ? `${result[field]}；${e.message}` : e.message
  }
  return result
}

/** Monday's periods for every weekday Tuesday–Friday (the weekend stays as it is). */
export function copyMondayToWeekdays(week: Record<Weekday, Period[]>): Record<Weekday, Period[]> {
  const monday = week.MONDAY ?? []
  const copy = { ...week }
  for (const day of ['TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as Weekday[]) copy[day] = monday.map((p) => ({ ...p }))
  return copy
}

/**
 * A definition as the server should store it: trimmed times, periods in time order, empty
 * optional range ends and names as null, every weekday present.
 */
export function normaliseDefinition(definition: CalendarDefinition): CalendarDefinition {
  const periods = (list: readonly Period[]) =>
    list
      .map((p) => ({ start: (p.start ?? '').trim(), end: (p.end ?? '').trim() }))
      .sort((a, b) => (timeMinutes(a.start) ?? 0) - (timeMinutes(b.start) ?? 0))
  const ranges = (list: readonly DateRange[]) =>
    list.map((r) => ({ from: r.from, to: r.to || null, name: r.name?.trim() ? r.name.trim() : null }))
  const week = {} as Record<Weekday, Period[]>
  for (const day of WEEKDAYS) week[day] = periods(definition.week[day] ?? [])
  return {
    zone: definition.zone.trim(),
    week,
    makeUpDay: periods(definition.makeUpDay),
    followsOfficialHolidays: definition.followsOfficialHolidays,
    holidays: ranges(definition.holidays),
    workdays: ranges(definition.workdays),
  }
}

/** A deep copy a form may change freely. */
export function cloneDefinition(definition: CalendarDefinition): CalendarDefinition {
  const week = {} as Record<Weekday, Period[]>
  for (const day of WEEKDAYS) week[day] = (definition.week?.[day] ?? []).map((p) => ({ start: p.start, end: p.end }))
  return {
    zone: definition.zone || 'Asia/Shanghai',
    week,
    makeUpDay: (definition.makeUpDay ?? []).map((p) => ({ start: p.start, end: p.end })),
    followsOfficialHolidays: definition.followsOfficialHolidays,
    holidays: (definition.holidays ?? []).map((r) => ({ from: r.from, to: r.to ?? null, name: r.name ?? null })),
    workdays: (definition.workdays ?? []).map((r) => ({ from: r.from, to: r.to ?? null, name: r.name ?? null })),
  }
}

/** The weekday of an ISO date (`2026-02-16` → `MONDAY`). */
export function weekdayOf(date: string): Weekday {
  const day = new Date(utcDay(date)).getUTCDay() // 0 = Sunday
  return WEEKDAYS[(day + 6) % 7]
}

/** One cell of a month grid: a day of the month, with what the calendar says about it. */
export interface MonthCell {
  date: string
  day: number
  type: DayType | null
  name: string | null
  workingMinutes: number
}

export interface MonthGrid {
  month: number
  /** Weeks from Monday to Sunday; null where the week reaches into another month. */
  weeks: (MonthCell | null)[][]
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`
}

/** The grid of one month (1–12), weeks starting on Monday, filled from the year's days. */
export function monthGrid(year: number, month: number, days: ReadonlyMap<string, CalendarDay> | readonly CalendarDay[]): MonthGrid {
  const byDate = Array.isArray(days) ? new Map((days as CalendarDay[]).map((d) => [d.date, d])) : (days as ReadonlyMap<string, CalendarDay>)
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7
  const cells: (MonthCell | null)[] = Array.from({ length: lead }, () => null)
  for (let day = 1; day <= length; day++) {
    const date = iso(year, month, day)
    const known = byDate.get(date)
    cells.push({ date, day, type: known?.type ?? null, name: known?.name ?? null, workingMinutes: known?.workingMinutes ?? 0 })
  }
  while (cells.length % 7) cells.push(null)
  const weeks: (MonthCell | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return { month, weeks }
}

/** The twelve month grids of a year. */
export function yearGrid(year: number, days: readonly CalendarDay[]): MonthGrid[] {
  const byDate = new Map(days.map((d) => [d.date, d]))
  return Array.from({ length: 12 }, (_, i) => monthGrid(year, i + 1, byDate))
}

/** How many days of each type a year has. */
export function countDayTypes(days: readonly CalendarDay[]): Record<DayType, number> {
  const counts: Record<DayType, number> = { WORKDAY: 0, REST_DAY: 0, HOLIDAY: 0, MAKE_UP_WORKDAY: 0 }
  for (const d of days) counts[d.type]++
  return counts
}

/** Case-insensitive match of a calendar on its names and code. */
export function matchesCalendar(calendar: { code: string; name: string; nameZh: string; nameEn: string }, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  return [calendar.code, calendar.name, calendar.nameZh, calendar.nameEn].some((v) => (v ?? '').toLowerCase().includes(q))
}

/** The check of a file before uploading it to the holiday import: a key under `calendar.import.` or null. */
export function checkScheduleFile(file: { name: string; size: number }, maxBytes: number): 'unsupportedFile' | 'fileTooLarge' | 'emptyFile' | null {
  const name = file.name.toLowerCase()
  if (!['.txt', '.csv', '.xlsx', '.ics'].some((ending) => name.endsWith(ending))) return 'unsupportedFile'
  if (file.size === 0) return 'emptyFile'
  if (file.size > maxBytes) return 'fileTooLarge'
  return null
}

/** The wall-clock time in Beijing of an instant, as a date-time picker value `YYYY-MM-DDTHH:mm:00`. */
export function beijingWallTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3_600_000)
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:00`
  )
}

/**
 * An ISO date-time with offset as the API answers it (in the calendar's zone), split for display:
 * `2026-02-14T17:00:00+08:00` → date `2026-02-14`, time `17:00`, offset `+08:00`. Null when unreadable.
 */
export function splitDateTime(iso: string | null | undefined): { date: string; time: string; offset: string } | null {
  if (!iso) return null
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso.trim())
  if (!match) return null
  return { date: match[1], time: match[2], offset: match[3] === 'Z' || !match[3] ? (match[3] ? '+00:00' : '') : match[3] }
}

// ---------------------------------------------------------------- the deadline calculator's inputs

/** The years the server's business-time arithmetic supports. */
export const FIRST_YEAR = 1970
export const LAST_YEAR = 2200
/** The longest duration the server accepts: working days, and hours in the time part. */
export const MAX_WORKING_DAYS = 3650
export const MAX_HOURS = MAX_WORKING_DAYS * 24

/**
 * A Beijing wall-clock time as typed (`2026-02-13 17:00`, also with `T` or seconds) read strictly:
 * `YYYY-MM-DDTHH:mm:00`, or `invalid` for anything that is not a real date and time (2026-02-30,
 * 25:00) and `range` for a year outside {@link FIRST_YEAR}–{@link LAST_YEAR}. Never rolls over.
 */
export function parseWallTime(text: string | null | undefined): { value: string } | { problem: 'required' | 'invalid' | 'range' } {
  const value = (text ?? '').trim()
  if (!value) return { problem: 'required' }
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!match) return { problem: 'invalid' }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0
  if (day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return { problem: 'invalid' }
  if (year < FIRST_YEAR || year > LAST_YEAR) return { problem: 'range' }
  return { value: `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:00` }
}

/** What is wrong with one number of a duration: not given, not whole, or outside 0–`max`. */
export function amountProblem(value: number | null | undefined, max: number): 'notWhole' | 'range' | null {
  if (value === null || value === undefined) return null
  if (!Number.isFinite(value) || !Number.isInteger(value)) return 'notWhole'
  return value < 0 || value > max ? 'range' : null
}
