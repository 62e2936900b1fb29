import { describe, expect, it } from 'vitest'
import { defaultStart, endOf, hours, hoursText, periodOf } from './workRecords'

describe('work record helpers', () => {
  it('starts a new record half an hour ago, to the minute', () => {
    const start = defaultStart(new Date(2026, 2, 10, 14, 47, 33, 120))
    expect(start).toEqual(new Date(2026, 2, 10, 14, 17, 0, 0))
  })

  it('ends a record its minutes after its start', () => {
    expect(endOf(new Date(2026, 2, 10, 23, 30), 90)).toEqual(new Date(2026, 2, 11, 1, 0))
  })

  it('writes minutes as hours with two decimals', () => {
    expect(hours(90)).toBe(1.5)
    expect(hours(70)).toBe(1.17)
    expect(hours(45)).toBe(0.75)
  })

  it('labels presets in minutes below an hour and in hours above', () => {
    const t = (key: string, params?: Record<string, unknown>) => `${key}:${params?.n}`
    expect(hoursText(15, t)).toBe('workRecords.presetMinutes:15')
    expect(hoursText(120, t)).toBe('workRecords.presetHours:2')
  })

  it('names the periods of the statistics page', () => {
    const today = new Date(2026, 4, 14) // Thursday 14 May 2026
    expect(periodOf('week', today)).toEqual(['2026-05-11', '2026-05-17'])
    expect(periodOf('month', today)).toEqual(['2026-05-01', '2026-05-31'])
    expect(periodOf('lastMonth', today)).toEqual(['2026-04-01', '2026-04-30'])
    expect(periodOf('quarter', today)).toEqual(['2026-04-01', '2026-06-30'])
    expect(periodOf('year', today)).toEqual(['2026-01-01', '2026-12-31'])
    expect(periodOf('lastMonth', new Date(2026, 0, 5))).toEqual(['2025-12-01', '2025-12-31'])
  })
})
