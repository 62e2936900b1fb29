import type { DayType, ScheduleKind } from '@/api/calendar'

/** Element Plus tag types of day types and schedule kinds (the year view has its own colours). */
export const DAY_TYPE_TAG: Record<DayType, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  WORKDAY: 'primary',
  REST_DAY: 'info',
  HOLIDAY: 'danger',
  MAKE_UP_WORKDAY: 'warning',
}

export const SCHEDULE_KIND_TAG: Record<ScheduleKind, 'warning' | 'danger'> = {
  HOLIDAY: 'danger',
  WORKDAY: 'warning',
}

/** Time zones offered by the editor (others can be typed); Beijing time first. */
export const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'UTC'] as const
