import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { ApiError, messageOf } from '@/api/http'
import type { DefinitionHeader, DefinitionOption } from '@/api/definitions'
import { confirmAction, explain } from '@/utils/confirm'
import type { DefinitionConfig } from '@/utils/definitions'

/** What the list and the detail page of a kind of definition do alike: copy, open the copy, delete. */
export function useDefinitionActions(options: DefinitionConfig) {
  const { t } = useI18n()
  const router = useRouter()
  const bases = ref<DefinitionOption[]>([])
  const copyOpen = ref(false)
  const copyBase = ref<string | null>(null)

  /** Opens the copy dialog with `code` as the base (else the kind's default). */
  async function openCopy(code?: string | null): Promise<void> {
    try {
      bases.value = await options.options()
    } catch {
      return
    }
    copyBase.value = code ?? null
    copyOpen.value = true
  }

  function onCreated(header: DefinitionHeader): void {
    ElMessage({ type: 'success', message: t('definition.createdToast', { name: header.name }) })
    void router.push(options.routeOf(header.code))
  }

  /** Asks, deletes and says so; a refusal (in use, built in) is explained. Answers whether it was deleted. */
  async function remove(header: Pick<DefinitionHeader, 'code' | 'name'>): Promise<boolean> {
    const question = t(`definition.${options.kind}.confirmDelete`, { name: header.name, code: header.code })
    if (!(await confirmAction(question, { danger: true, confirmText: t('common.delete') }))) return false
    try {
      await options.remove(header.code)
      ElMessage({ type: 'success', message: t('definition.deletedToast', { name: header.name }) })
      return true
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      await explain(messageOf(e), e.status === 409 ? t('definition.cannotDelete') : undefined)
      return false
    }
  }

  return { config: options, bases, copyOpen, copyBase, openCopy, onCreated, remove }
}

export type DefinitionActions = ReturnType<typeof useDefinitionActions>
