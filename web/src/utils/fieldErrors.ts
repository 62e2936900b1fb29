import type { ApiError } from '@/api/http'

/** Server field names that differ from the form's own (e.g. `roleIds` → `roles`). */
export type FieldAliases = Record<string, string>

/**
 * Maps `ApiError.errors[].field` to the form items showing them (`<el-form-item :error="errors.x">`).
 * Errors on fields the form does not have are shown as one message.
 */
export function mapFieldErrors(error: ApiError, fields: readonly string[], aliases: FieldAliases = {}) {
  const mapped: Record<string, string> = {}
  const unmapped: string[] = []
  for (const e of error.errors) {
    const field = aliases[e.field] ?? e.field.replace(/\[\d+\]$/, '')
    if (fields.includes(field)) {
      mapped[field] = mapped[field] ? `${mapped[field]}；${e.message}` : e.message
    } else if (e.message) {
      unmapped.push(e.message)
    }
  }
  return { mapped, unmapped }
}
