import { nextTick, reactive, watch } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError, messageOf } from '@/api/http'
import { mapFieldErrors, type FieldAliases } from '@/utils/fieldErrors'

/**
 * Server field errors of one form. With `model`, a field's server error disappears as soon as the
 * user changes that field. `fields` may be a getter for forms whose fields depend on what is being
 * edited (e.g. a CI's class attributes as `attributes.<code>`); such fields are cleared with
 * {@link clear} by the form itself.
 */
export function useServerErrors<F extends string>(
  fields: readonly F[] | (() => readonly F[]),
  options: { aliases?: FieldAliases; model?: Partial<Record<F, unknown>> } = {},
) {
  const aliases = options.aliases ?? {}
  const current = (): readonly F[] => (typeof fields === 'function' ? fields() : fields)
  const errors = reactive({}) as Record<F, string>
  for (const field of current()) errors[field] = ''
  const model = options.model
  if (model) {
    for (const field of current()) {
      watch(
        () => model[field],
        () => {
          errors[field] = ''
        },
        { deep: true },
      )
    }
  }

  function clear(field?: F): void {
    if (field) errors[field] = ''
    else for (const f of Object.keys(errors) as F[]) errors[f] = ''
  }

  /**
   * Shows the field errors of an API error next to their fields. Answers true when the error was
   * an {@link ApiError} (already presented to the user one way or the other).
   */
  function apply(error: unknown): boolean {
    if (!(error instanceof ApiError)) return false
    clear()
    if (!error.hasFieldErrors) return true // the HTTP client showed it as a message
    const { mapped, unmapped } = mapFieldErrors(error, current(), aliases)
    for (const [field, message] of Object.entries(mapped)) errors[field as F] = message
    if (Object.keys(mapped).length) {
      void nextTick(() => document.querySelector('.el-form-item.is-error')?.scrollIntoView?.({ block: 'nearest' }))
    }
    if (unmapped.length) ElMessage({ type: 'error', message: unmapped.join('；'), showClose: true })
    else if (!Object.keys(mapped).length) ElMessage({ type: 'error', message: messageOf(error), showClose: true })
    return true
  }

  return { errors, clear, apply }
}
