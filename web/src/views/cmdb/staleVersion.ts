import { ElMessage } from 'element-plus'
import { ApiError, messageOf } from '@/api/http'

/** The code of a write refused because what it was based on is no longer the current version. */
export const STALE_VERSION = 'SYS-0008'

/** Whether an error is a stale version: somebody else changed the item since it was loaded (409). */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.code === STALE_VERSION
}

/**
 * Presents the failure of a silent save: a stale version through `onStale` (the form offers to
 * reload), field errors at their items (`applyFieldErrors`), anything else as a message.
 */
export function presentSaveError(error: unknown, applyFieldErrors: (error: unknown) => boolean, onStale: () => void): void {
  if (isStaleVersion(error)) {
    onStale()
    return
  }
  if (!(error instanceof ApiError)) throw error
  if (error.hasFieldErrors) applyFieldErrors(error)
  else ElMessage({ type: 'error', message: messageOf(error), showClose: true })
}
