import { ElMessageBox } from 'element-plus'
import { t } from '@/i18n'

/** Asks before a destructive or far-reaching action; resolves true when confirmed. */
export async function confirmAction(message: string, options: { title?: string; danger?: boolean; confirmText?: string } = {}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, options.title ?? t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: options.confirmText ?? t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
      closeOnClickModal: false,
    })
    return true
  } catch {
    return false
  }
}

/** Explains a refusal of the server (e.g. a 409) in a dialog rather than a passing message. */
export async function explain(message: string, title?: string): Promise<void> {
  try {
    await ElMessageBox.alert(message, title ?? t('common.refusedTitle'), {
      type: 'warning',
      confirmButtonText: t('common.ok'),
    })
  } catch {
    /* closed */
  }
}
