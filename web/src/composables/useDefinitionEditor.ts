import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { onBeforeRouteLeave } from 'vue-router'
import { ElMessage } from 'element-plus'
import { ApiError, messageOf } from '@/api/http'
import type { DefinitionHeader, DefinitionUpdateInput } from '@/api/definitions'
import { confirmAction } from '@/utils/confirm'
import { addError, type DefinitionKind } from '@/utils/definitions'

/** What a kind's editor tells the shared editing rules. */
export interface DefinitionEditorOptions<D, T> {
  kind: DefinitionKind
  header: () => DefinitionHeader
  content: () => D
  /** Built in, or no permission: nothing can be saved. */
  readonly: () => boolean
  /** A working copy of a content. */
  clone: (content: D) => D
  /** The content as it is compared and sent (sorted, with defaults …). */
  normalise: (content: D) => D
  /** The client's problems with the content, by error key, in words. */
  check: (content: D) => { key: string; message: string }[]
  /** Where a server field error shows (its error key); the field name by default. */
  keyOf?: (field: string) => string
  /** The words of a server field error; the server's message by default. */
  messageOf?: (field: string, code: string | undefined, message: string) => string
  /** Runs before saving (e.g. sorting rows so that the server's indexes match what is shown). */
  beforeSave?: () => void
  save: (input: DefinitionUpdateInput<D>) => Promise<T>
  headerOf: (saved: T) => DefinitionHeader
  /** The error code of a stale version (409). */
  staleCode: string
  onSaved: (saved: T) => void
}

/**
 * The editing rules every definition shares: names, content and a note in a form; the client's
 * checks after a first save attempt and the server's field errors (cleared by any change); the
 * `version` sent with the save and a stale version shown with a reload; unsaved changes guarded.
 */
export function useDefinitionEditor<D, T>(options: DefinitionEditorOptions<D, T>) {
  const { t } = useI18n()
  const separator = t('definition.editor.errorSeparator')
  const form = reactive({ nameZh: '', nameEn: '', note: '', content: options.clone(options.content()) }) as {
    nameZh: string
    nameEn: string
    note: string
    content: D
  }
  const attempted = ref(false)
  const saving = ref(false)
  const stale = ref('')
  const failure = ref('')
  const serverErrors = ref<Record<string, string>>({})
  const original = ref('')

  function snapshot(): string {
    return JSON.stringify({ nameZh: form.nameZh.trim(), nameEn: form.nameEn.trim(), note: form.note.trim(), content: options.normalise(form.content) })
  }

  function reset(): void {
    const header = options.header()
    form.nameZh = header.nameZh
    form.nameEn = header.nameEn
    form.note = ''
    form.content = options.clone(options.content())
    attempted.value = false
    stale.value = ''
    failure.value = ''
    serverErrors.value = {}
    original.value = snapshot()
  }

  const readonly = computed(options.readonly)
  const dirty = computed(() => !readonly.value && snapshot() !== original.value)

  // any change makes the server's verdict old news; the client's own checks follow live
  watch(
    () => [form.content, form.nameZh, form.nameEn],
    () => {
      serverErrors.value = {}
      failure.value = ''
    },
    { deep: true },
  )

  const clientErrors = computed<Record<string, string>>(() => {
    if (!attempted.value) return {}
    const errors: Record<string, string> = {}
    for (const p of options.check(form.content)) addError(errors, p.key, p.message, separator)
    if (!form.nameZh.trim()) addError(errors, 'nameZh', t('validation.required', { field: t('definition.field.nameZh') }), separator)
    if (!form.nameEn.trim()) addError(errors, 'nameEn', t('validation.required', { field: t('definition.field.nameEn') }), separator)
    return errors
  })

  const errors = computed<Record<string, string>>(() => {
    const merged: Record<string, string> = { ...clientErrors.value }
    for (const [key, message] of Object.entries(serverErrors.value)) addError(merged, key, message, separator)
    return merged
  })

  async function save(): Promise<void> {
    if (readonly.value || saving.value) return
    attempted.value = true
    stale.value = ''
    failure.value = ''
    options.beforeSave?.()
    serverErrors.value = {}
    if (Object.keys(clientErrors.value).length) {
      ElMessage({ type: 'error', message: t('definition.editor.invalid'), showClose: true })
      return
    }
    saving.value = true
    const header = options.header()
    try {
      const saved = await options.save({
        nameZh: form.nameZh.trim(),
        nameEn: form.nameEn.trim(),
        definition: options.normalise(form.content),
        version: header.version,
        note: form.note.trim() || null,
      })
      const after = options.headerOf(saved)
      ElMessage({
        type: 'success',
        message:
          after.currentVersion !== header.currentVersion
            ? t('definition.editor.savedVersion', { n: after.currentVersion })
            : t(`definition.${options.kind}.savedNoVersion`),
      })
      options.onSaved(saved)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.status === 409 && e.code === options.staleCode) {
        stale.value = messageOf(e)
      } else if (e.hasFieldErrors) {
        // the watcher above clears server errors once this tick's changes settle: set them after it
        await Promise.resolve()
        const found: Record<string, string> = {}
        for (const x of e.errors) {
          const message = options.messageOf ? options.messageOf(x.field, x.code, x.message) : x.message
          addError(found, options.keyOf ? options.keyOf(x.field) : x.field, message, separator)
        }
        serverErrors.value = found
      } else {
        failure.value = messageOf(e)
      }
    } finally {
      saving.value = false
    }
  }

  /** Whether to reload: asks first when there are unsaved changes (not after a stale save). */
  async function mayReload(): Promise<boolean> {
    return !dirty.value || Boolean(stale.value) || confirmAction(t('definition.editor.confirmDiscard'))
  }

  onBeforeRouteLeave(async () => (dirty.value ? confirmAction(t('definition.editor.confirmLeave')) : true))

  return {
    form,
    readonly,
    attempted,
    saving,
    stale,
    failure,
    serverErrors: serverErrors as Ref<Record<string, string>>,
    clientErrors,
    errors,
    dirty,
    reset,
    save,
    mayReload,
  }
}

export type DefinitionEditor<D = unknown> = ReturnType<typeof useDefinitionEditor<D, unknown>>
