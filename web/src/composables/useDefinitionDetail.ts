import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { ApiError, messageOf } from '@/api/http'

/**
 * The definition the page's `:code` names, loaded again when the code changes (an answer for a
 * code the page has left is dropped); `problem` explains why there is none.
 */
export function useDefinitionDetail<T>(load: (code: string) => Promise<T>) {
  const { t } = useI18n()
  const route = useRoute()
  const detail = ref<T | null>(null)
  const loading = ref(true)
  const problem = ref('')
  const code = computed(() => String(route.params.code ?? ''))

  async function reload(): Promise<void> {
    const asked = code.value
    loading.value = true
    problem.value = ''
    try {
      const loaded = await load(asked)
      if (asked === code.value) detail.value = loaded
    } catch (e) {
      if (asked !== code.value) return
      detail.value = null
      problem.value = e instanceof ApiError ? messageOf(e) : t('common.loadFailed')
    } finally {
      if (asked === code.value) loading.value = false
    }
  }

  watch(code, reload, { immediate: true })
  return { detail, loading, problem, reload }
}
