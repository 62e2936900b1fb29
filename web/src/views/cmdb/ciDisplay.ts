import type { CiImportance, CiStatus } from '@/api/cmdb'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** Tag colours of CI states (the text is `ciStatus.<STATUS>`). */
export const STATUS_TAG: Record<CiStatus, TagType> = {
  PLANNED: 'primary',
  IN_USE: 'success',
  MAINTENANCE: 'warning',
  RETIRED: 'info',
}

/** Tag colours of importance levels (the text is `ciImportance.<LEVEL>`). */
export const IMPORTANCE_TAG: Record<CiImportance, TagType> = {
  CORE: 'danger',
  KEY: 'warning',
  GENERAL: 'info',
}

/** Route of a CI's detail page. */
export function ciRoute(id: number): string {
  return `/cmdb/cis/${id}`
}
