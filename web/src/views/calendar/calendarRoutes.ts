import { calendarApi, OFFICE_HOURS } from '@/api/calendar'
import type { DefinitionConfig } from '@/utils/definitions'

/** The page of one calendar. */
export const calendarRoute = (code: string) => `/calendars/${encodeURIComponent(code)}`

/** Calendars on the shared definition pages; `holidays` is the page of the holiday schedule. */
export const CALENDARS: DefinitionConfig = {
  kind: 'calendar',
  hook: 'calendar',
  defaultBase: OFFICE_HOURS,
  reserved: ['holidays'],
  listRoute: '/calendars',
  routeOf: calendarRoute,
  options: calendarApi.options,
  create: (input) => calendarApi.create(input).then((detail) => detail.calendar),
  remove: calendarApi.remove,
}
