import { describe, expect, it } from 'vitest'
import type { CalendarDay, CalendarDefinition, Period, Weekday } from '@/api/calendar'
import {
  beijingWallTime,
  splitDateTime,
  checkDefinition,
  checkPeriods,
  checkScheduleFile,
  copyMondayToWeekdays,
  countDayTypes,
  daysBetween,
  errorsByField,
  hoursAndMinutes,
  hoursOf,
  matchesCalendar,
  monthGrid,
  normaliseDefinition,
  periodMinutes,
  timeMinutes,
  timeOptions,
  weekdayOf,
  yearGrid,
} from './calendar'

const p = (start: string, end: string): Period => ({ start, end })

function officeHours(): CalendarDefinition {
  const day = () => [p('08:30', '12:00'), p('13:30', '18:00')]
  return {
    zone: 'Asia/Shanghai',
    week: { MONDAY: day(), TUESDAY: day(), WEDNESDAY: day(), THURSDAY: day(), FRIDAY: day(), SATURDAY: [], SUNDAY: [] },
    makeUpDay: [],
    followsOfficialHolidays: true,
    holidays: [],
    workdays: [],
  }
}

describe('times and periods', () => {
  it('reads HH:mm and allows 24:00 only as an end', () => {
    expect(timeMinutes('08:30')).toBe(510)
    expect(timeMinutes('00:00')).toBe(0)
    expect(timeMinutes('24:00')).toBeNull()
    expect(timeMinutes('24:00', true)).toBe(1440)
    expect(timeMinutes('8:30')).toBeNull()
    expect(timeMinutes('12:60')).toBeNull()
    expect(timeMinutes('25:00', true)).toBeNull()
    expect(timeMinutes('')).toBeNull()
  })

  it('offers the times of the day, with 24:00 for ends only', () => {
    const starts = timeOptions(30)
    expect(starts[0]).toBe('00:00')
    expect(starts).toHaveLength(48)
    expect(starts).not.toContain('24:00')
    const ends = timeOptions(30, true)
    expect(ends[0]).toBe('00:30')
    expect(ends[ends.length - 1]).toBe('24:00')
  })

  it('sums the working minutes of a day', () => {
    expect(periodMinutes([p('08:30', '12:00'), p('13:30', '18:00')])).toBe(480)
    expect(periodMinutes([p('00:00', '24:00')])).toBe(1440)
    expect(periodMinutes([p('12:00', '08:00'), p('x', '10:00')])).toBe(0)
  })

  it('names overlapping, reversed and malformed periods like the server does', () => {
    expect(checkPeriods('week.MONDAY', [p('08:00', '12:00'), p('11:30', '18:00')])).toEqual([
      { field: 'week.MONDAY[1]', code: 'overlap', params: { other: '08:00–12:00' } },
    ])
    expect(checkPeriods('week.MONDAY', [p('12:00', '08:00')])).toEqual([{ field: 'week.MONDAY[0]', code: 'endBeforeStart' }])
    expect(checkPeriods('week.MONDAY', [p('08:00', '08:00')])[0].code).toBe('endBeforeStart')
    expect(checkPeriods('makeUpDay', [p('8:00', '12:00'), p('13:00', '25:00')]).map((x) => x.code)).toEqual(['badStart', 'badEnd'])
    // touching periods do not overlap
    expect(checkPeriods('week.FRIDAY', [p('08:00', '12:00'), p('12:00', '24:00')])).toEqual([])
    // an overlap is found whatever the order
    expect(checkPeriods('week.FRIDAY', [p('13:00', '18:00'), p('08:00', '13:30')])[0].field).toBe('week.FRIDAY[1]')
    expect(checkPeriods('week.SUNDAY', Array.from({ length: 13 }, (_, i) => p(`${10 + i}:00`, `${10 + i}:30`)))[0].code).toBe('tooMany')
  })
})

describe('checkDefinition', () => {
  it('accepts office hours', () => {
    expect(checkDefinition(officeHours())).toEqual([])
  })

  it('wants some working time, and working time for make-up days', () => {
    const none = officeHours()
    for (const day of Object.keys(none.week) as Weekday[]) none.week[day] = []
    expect(checkDefinition(none)).toEqual([{ field: 'week', code: 'noWorkingTime' }])
    const weekendOnly = officeHours()
    for (const day of ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as Weekday[]) weekendOnly.week[day] = []
    weekendOnly.week.SATURDAY = [p('09:00', '17:00')]
    expect(checkDefinition(weekendOnly)).toEqual([{ field: 'makeUpDay', code: 'noMakeUpTime' }])
    weekendOnly.makeUpDay = [p('09:00', '17:00')]
    expect(checkDefinition(weekendOnly)).toEqual([])
  })

  it('checks own holidays and working days', () => {
    const d = officeHours()
    d.holidays = [{ from: '2026-08-01', to: '2026-08-03', name: null }, { from: '2026-09-02', to: '2026-09-01', name: '反' }, { from: '', to: null, name: null }]
    d.workdays = [{ from: '2026-08-02', to: null, name: '值班' }]
    expect(checkDefinition(d)).toEqual([
      { field: 'holidays[1].to', code: 'rangeReversed' },
      { field: 'holidays[2].from', code: 'missingFrom' },
      { field: 'workdays[0]', code: 'holidayAndWorkday', params: { date: '2026-08-02' } },
    ])
    d.holidays = [{ from: '2026-01-01', to: '2027-01-02', name: null }]
    d.workdays = []
    expect(checkDefinition(d)).toEqual([{ field: 'holidays[0].to', code: 'rangeTooLong', params: { n: 366 } }])
  })

  it('wants a zone', () => {
    const d = officeHours()
    d.zone = ' '
    expect(checkDefinition(d)).toEqual([{ field: 'zone', code: 'zoneRequired' }])
  })
})

describe('editing helpers', () => {
  it('copies Monday to the other weekdays, not to the weekend', () => {
    const d = officeHours()
    d.week.MONDAY = [p('09:00', '17:00')]
    d.week.SATURDAY = [p('10:00', '12:00')]
    const week = copyMondayToWeekdays(d.week)
    expect(week.FRIDAY).toEqual([p('09:00', '17:00')])
    expect(week.FRIDAY).not.toBe(week.MONDAY)
    expect(week.SATURDAY).toEqual([p('10:00', '12:00')])
  })

  it('normalises a definition: periods in order, empty names and ends as null', () => {
    const d = officeHours()
    d.zone = ' Asia/Shanghai '
    d.week.MONDAY = [p('13:30 ', '18:00'), p('08:30', '12:00')]
    d.holidays = [{ from: '2026-07-01', to: '', name: '  ' }]
    const n = normaliseDefinition(d)
    expect(n.zone).toBe('Asia/Shanghai')
    expect(n.week.MONDAY).toEqual([p('08:30', '12:00'), p('13:30', '18:00')])
    expect(n.holidays).toEqual([{ from: '2026-07-01', to: null, name: null }])
  })

  it('groups field errors by field', () => {
    expect(errorsByField([{ field: 'week.MONDAY[1]', message: 'a' }, { field: 'week.MONDAY[1]', message: 'b' }, { field: 'zone', message: 'c' }])).toEqual({
      'week.MONDAY[1]': 'a；b',
      zone: 'c',
    })
  })
})

describe('display helpers', () => {
  it('shows minutes as hours', () => {
    expect(hoursOf(480)).toBe('8')
    expect(hoursOf(450)).toBe('7.5')
    expect(hoursOf(2400)).toBe('40')
    expect(hoursOf(1440 * 7)).toBe('168')
    expect(hoursOf(20)).toBe('0.33')
    expect(hoursAndMinutes(90)).toEqual({ hours: 1, minutes: 30 })
  })

  it('knows weekdays and day counts of ISO dates', () => {
    expect(weekdayOf('2026-02-16')).toBe('MONDAY')
    expect(weekdayOf('2026-02-14')).toBe('SATURDAY')
    expect(weekdayOf('2026-03-01')).toBe('SUNDAY')
    expect(daysBetween('2026-02-15', '2026-02-23')).toBe(8)
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1)
  })

  it('searches calendars by name and code', () => {
    const c = { code: 'summer-1', name: '夏季作息', nameZh: '夏季作息', nameEn: 'Summer hours' }
    expect(matchesCalendar(c, '')).toBe(true)
    expect(matchesCalendar(c, 'SUMMER')).toBe(true)
    expect(matchesCalendar(c, '夏季')).toBe(true)
    expect(matchesCalendar(c, 'hours')).toBe(true)
    expect(matchesCalendar(c, 'winter')).toBe(false)
  })

  it('checks holiday files before uploading', () => {
    expect(checkScheduleFile({ name: '2027.txt', size: 100 }, 1024)).toBeNull()
    expect(checkScheduleFile({ name: 'holiday-cn-2027.ICS', size: 100 }, 1024)).toBeNull()
    expect(checkScheduleFile({ name: 'notice.pdf', size: 100 }, 1024)).toBe('unsupportedFile')
    expect(checkScheduleFile({ name: 'a.csv', size: 0 }, 1024)).toBe('emptyFile')
    expect(checkScheduleFile({ name: 'a.xlsx', size: 2048 }, 1024)).toBe('fileTooLarge')
  })
})

describe('month grids', () => {
  const day = (date: string, type: CalendarDay['type'], name: string | null = null): CalendarDay => ({ date, type, name, workingMinutes: type === 'WORKDAY' || type === 'MAKE_UP_WORKDAY' ? 480 : 0 })

  it('starts weeks on Monday and pads them to seven days', () => {
    // February 2026 starts on a Sunday and has 28 days
    const grid = monthGrid(2026, 2, [day('2026-02-14', 'MAKE_UP_WORKDAY', '春节调休上班'), day('2026-02-16', 'HOLIDAY', '春节')])
    expect(grid.weeks).toHaveLength(5)
    expect(grid.weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null])
    expect(grid.weeks[0][6]?.date).toBe('2026-02-01')
    for (const week of grid.weeks) expect(week).toHaveLength(7)
    const cells = grid.weeks.flat().filter((c) => c !== null)
    expect(cells).toHaveLength(28)
    expect(cells.find((c) => c!.date === '2026-02-14')).toMatchObject({ type: 'MAKE_UP_WORKDAY', name: '春节调休上班', workingMinutes: 480 })
    expect(cells.find((c) => c!.date === '2026-02-16')).toMatchObject({ type: 'HOLIDAY', name: '春节', day: 16 })
    expect(cells.find((c) => c!.date === '2026-02-17')).toMatchObject({ type: null })
  })

  it('knows leap years, and a month starting on Monday has no leading blanks', () => {
    expect(monthGrid(2024, 2, []).weeks.flat().filter(Boolean)).toHaveLength(29)
    expect(monthGrid(2026, 6, []).weeks[0][0]?.date).toBe('2026-06-01')
  })

  it('builds twelve months and counts the day types', () => {
    const days = [day('2026-01-01', 'HOLIDAY', '元旦'), day('2026-01-02', 'HOLIDAY'), day('2026-01-04', 'MAKE_UP_WORKDAY'), day('2026-01-05', 'WORKDAY')]
    const grids = yearGrid(2026, days)
    expect(grids.map((g) => g.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(grids[0].weeks.flat().find((c) => c?.day === 1)?.name).toBe('元旦')
    expect(countDayTypes(days)).toEqual({ WORKDAY: 1, REST_DAY: 0, HOLIDAY: 2, MAKE_UP_WORKDAY: 1 })
  })
})

describe('Beijing time', () => {
  it('gives the Beijing wall-clock time of an instant, whatever the browser zone', () => {
    expect(beijingWallTime(new Date('2026-02-13T09:00:00Z'))).toBe('2026-02-13T17:00:00')
    expect(beijingWallTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01T00:30:00')
  })

  it('splits an answered date-time for display', () => {
    expect(splitDateTime('2026-02-14T17:00:00+08:00')).toEqual({ date: '2026-02-14', time: '17:00', offset: '+08:00' })
    expect(splitDateTime('2026-02-14T09:00Z')).toEqual({ date: '2026-02-14', time: '09:00', offset: '+00:00' })
    expect(splitDateTime('soon')).toBeNull()
  })
})

describe('the deadline calculator reads what people type strictly', () => {
  it('takes real dates and times only, never rolling over', async () => {
    const { parseWallTime } = await import('./calendar')
    expect(parseWallTime('2026-02-13 17:00')).toEqual({ value: '2026-02-13T17:00:00' })
    expect(parseWallTime(' 2026-02-13T17:00:59 ')).toEqual({ value: '2026-02-13T17:00:00' })
    expect(parseWallTime('2028-02-29 00:00')).toEqual({ value: '2028-02-29T00:00:00' })
    for (const bad of ['2026-02-30 25:00', '2026-02-29 09:00', '2026-13-01 09:00', '2026-02-13 24:00', '2026-02-13 17:60', '2026-2-13 17:00', 'tomorrow']) {
      expect(parseWallTime(bad), bad).toEqual({ problem: 'invalid' })
    }
    expect(parseWallTime('')).toEqual({ problem: 'required' })
    expect(parseWallTime('1969-12-31 23:59')).toEqual({ problem: 'range' })
    expect(parseWallTime('2201-01-01 00:00')).toEqual({ problem: 'range' })
  })

  it('refuses fractions and amounts beyond what the server accepts instead of rounding them', async () => {
    const { amountProblem, MAX_HOURS, MAX_WORKING_DAYS } = await import('./calendar')
    expect(amountProblem(1.5, MAX_HOURS)).toBe('notWhole')
    expect(amountProblem(Number.NaN, MAX_HOURS)).toBe('notWhole')
    expect(amountProblem(-1, 59)).toBe('range')
    expect(amountProblem(60, 59)).toBe('range')
    expect(amountProblem(MAX_WORKING_DAYS + 1, MAX_WORKING_DAYS)).toBe('range')
    expect(amountProblem(MAX_HOURS, MAX_HOURS)).toBeNull()
    expect(amountProblem(null, MAX_HOURS)).toBeNull()
  })
})
