import type { ApiError } from '@/api/http'

/** Server field names that differ from the form's own (e.g. `roleIds` → `roles`). */
export type FieldAliases = Record<string, string>

/**
 * The form item of a server field: its alias, the field itself, the field without a trailing
 * index (`roleIds[0]` → `roleIds`), or the list it is part of (`options[2].value` → `options`).
 */
function formFieldOf(field: string, fields: readonly string[], aliases: FieldAliases): string | null {
  const candidates = [aliases[field], field, field.replace(/\[\d+\]$/, ''), field.includes('[') ? field.substring(0, field.indexOf('[')) : undefined]
  for (const candidate of candidates) {
    if (candidate === undefined) continue
    const mapped = aliases[candidate] ?? candidate
    if (fields.includes(mapped)) return mapped
  }
  return null
}

/**
 * Maps `ApiError.errors[].field` to the form items showing them (`<el-form-item :error="errors.x">`).
 * Errors on fields the form does not have are shown as one message.
 */
export function mapFieldErrors(error: ApiError, fields: readonly string[], aliases: FieldAliases = {}) {
  const mapped: Record<string, string> = {}
  const unmapped: string[] = []
  for (const e of error.errors) {
    const field = formFieldOf(e.field, fields, aliases)
    if (field !== null) {
      mapped[field] = mapped[field] ? `${mapped[field]}；${e.message}` : e.message
    } else if (e.message) {
      unmapped.push(e.message)
    }
  }
  return { mapped, unmapped }
}
