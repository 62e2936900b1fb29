import { ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/http'
import { t } from '@/i18n'

/** The code of a save refused because someone else changed the record since it was loaded (409). */
export const STALE_EDIT = 'SYS-0008'

/** Request option for saves whose form offers to reload after a 409 {@link STALE_EDIT}. */
export const QUIET_STALE_EDIT = { quietCodes: [STALE_EDIT] } as const

export function isStaleEdit(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.code === STALE_EDIT
}

/**
 * Tells the user that someone else changed the record they are editing and offers to load the
 * current one (their own changes are then lost). Resolves true when they chose to reload.
 */
export async function offerReload(): Promise<boolean> {
  try {
    await ElMessageBox.confirm(t('common.staleMessage'), t('common.staleTitle'), {
      type: 'warning',
      confirmButtonText: t('common.staleReload'),
      cancelButtonText: t('common.cancel'),
      closeOnClickModal: false,
    })
    return true
  } catch {
    return false
  }
}
