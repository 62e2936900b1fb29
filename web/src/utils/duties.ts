import type { Duty } from '@/api/auth'

type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * What a user's permissions make them, in words: the separated duties their permissions name
 * and, when they also change data in day-to-day work, "day-to-day changes" — never "system
 * administrator" for an engineer, although such changes stand with system administration when
 * the separation of duties is judged.
 */
export function dutyText(t: Translate, duties: readonly Duty[], changesData: boolean): string {
  const parts = duties.map((d) => t(`duty.${d}`))
  if (changesData && !duties.includes('SYSTEM')) parts.push(t('dutyConflict.changesData'))
  return parts.join(t('common.listSeparator'))
}
