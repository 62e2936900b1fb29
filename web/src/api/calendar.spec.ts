import { describe, expect, it } from 'vitest'
import { beijingInstant, durationMinutes, isoDuration, scheduleImportResultOf } from './calendar'
import { buildQuery } from './http'

describe('calendar API helpers', () => {
  it('reads a picked time as Beijing time', () => {
    expect(beijingInstant('2026-02-13T17:00:00')).toBe('2026-02-13T17:00:00+08:00')
    expect(beijingInstant('2026-02-13 17:00')).toBe('2026-02-13T17:00:00+08:00')
    expect(beijingInstant('2026-02-13T17:00:00+08:00')).toBe('2026-02-13T17:00:00+08:00')
  })

  it('sends the + of the offset encoded', () => {
    expect(buildQuery({ start: beijingInstant('2026-02-13T17:00:00'), duration: 'PT8H' })).toBe('?start=2026-02-13T17%3A00%3A00%2B08%3A00&duration=PT8H')
  })

  it('writes ISO-8601 durations of working days, hours and minutes', () => {
    expect(isoDuration({ hours: 8 })).toBe('PT8H')
    expect(isoDuration({ hours: 1, minutes: 30 })).toBe('PT1H30M')
    expect(isoDuration({ minutes: 45 })).toBe('PT45M')
    expect(isoDuration({ days: 1 })).toBe('P1D')
    expect(isoDuration({ days: 2, hours: 4 })).toBe('P2DT4H')
    expect(isoDuration({ days: 0, hours: 0, minutes: 0 })).toBeNull()
    expect(isoDuration({ hours: -3, minutes: 2.7 })).toBe('PT2M')
  })

  it('reads ISO-8601 durations as minutes', () => {
    expect(durationMinutes('PT1H30M')).toBe(90)
    expect(durationMinutes('PT8H')).toBe(480)
    expect(durationMinutes('PT0S')).toBe(0)
    expect(durationMinutes('P1DT2H')).toBe(1560)
    expect(durationMinutes('PT')).toBeNull()
    expect(durationMinutes('nonsense')).toBeNull()
    expect(durationMinutes(null)).toBeNull()
  })

  it('reads an import result from a 200 body and from a refused file’s problem', () => {
    const ok = scheduleImportResultOf({
      valid: true,
      written: false,
      format: 'TEXT',
      years: [{ year: 2030, holidays: 20, workdays: 5, added: true, changed: true }],
      errors: [],
      calendars: [],
    })
    expect(ok).toEqual({ valid: true, written: false, format: 'TEXT', years: [{ year: 2030, holidays: 20, workdays: 5, added: true, changed: true }], errors: [], calendars: [] })
    const refused = scheduleImportResultOf({
      type: 'about:blank',
      code: 'CAL-0011',
      detail: '有 1 处错误，未导入任何日期',
      valid: false,
      written: false,
      format: 'TEXT',
      years: [],
      errors: [{ line: 2, message: '第 2 行：“2032-02-30”不是有效日期' }],
    })
    expect(refused?.valid).toBe(false)
    expect(refused?.errors).toEqual([{ line: 2, message: '第 2 行：“2032-02-30”不是有效日期' }])
    // an unsupported file is no import result: its field error has no line
    expect(scheduleImportResultOf({ code: 'CAL-0012', errors: [{ field: 'file', code: 'CAL-0012', message: '请上传…' }] })).toBeNull()
    expect(scheduleImportResultOf(null)).toBeNull()
  })
})
