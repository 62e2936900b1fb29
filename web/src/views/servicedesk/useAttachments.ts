import { ApiError, messageOf } from '@/api/http'
import { ATTACHMENT_MAX_BYTES, attachmentApi, type TicketAttachment } from '@/api/servicedesk'
import { t } from '@/i18n'

/** A size as people read it: 512 B, 12.5 KB, 3.2 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Refuses a file before sending it when it is plainly too large or empty: the message to show, or null. */
export function checkBeforeUpload(file: File): string | null {
  if (file.size > ATTACHMENT_MAX_BYTES) return t('servicedesk.attachments.tooLarge', { name: file.name, limit: formatSize(ATTACHMENT_MAX_BYTES) })
  if (file.size === 0) return t('servicedesk.attachments.empty', { name: file.name })
  return null
}

/** A pasted screenshot gets a name that tells what and when it is. */
export function pastedName(file: File, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const extension = file.type === 'image/jpeg' ? 'jpg' : (file.type.split('/')[1] ?? 'png')
  return `${t('servicedesk.attachments.screenshot')}-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.${extension}`
}

/** Uploads one file; resolves the stored attachment, or rejects with the message to show. */
export async function uploadOne(ticketId: number, file: File, commentId: number | null, onProgress?: (percent: number) => void): Promise<TicketAttachment> {
  const refused = checkBeforeUpload(file)
  if (refused) throw new Error(refused)
  try {
    return await attachmentApi.upload(ticketId, file, commentId, onProgress)
  } catch (e) {
    if (e instanceof ApiError) {
      const field = e.errors.find((f) => f.field === 'file')
      throw new Error(field?.message ?? messageOf(e))
    }
    throw e
  }
}
