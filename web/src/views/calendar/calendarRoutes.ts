import { calendarApi, OFFICE_HOURS } from '@/api/calendar'
import type { NewDefinitionInput } from '@/api/definitions'

/** The page of one calendar. */
export const calendarRoute = (code: string) => `/calendars/${encodeURIComponent(code)}`

/** Codes of pages under `/calendars/` (a calendar of that code could not be opened). */
export const CALENDAR_RESERVED_CODES = ['holidays']

/** What the shared definition components need of calendars. */
export const CALENDAR_DEFINITIONS = {
  kind: 'calendar',
  hook: 'calendar',
  defaultBase: OFFICE_HOURS,
  reserved: CALENDAR_RESERVED_CODES,
  create: (input: NewDefinitionInput<never>) => calendarApi.create(input).then((detail) => detail.calendar),
  actions: { kind: 'calendar', options: calendarApi.options, remove: calendarApi.remove, routeOf: calendarRoute },
} as const
