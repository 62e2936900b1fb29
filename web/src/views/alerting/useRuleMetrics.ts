import { computed, ref } from 'vue'
import { ruleApi, type RuleMetric } from '@/api/alerting'
import { language } from '@/i18n'

/** The metric vocabulary (labels in the UI's language), loaded once per language and shared by the pages. */
const cache = new Map<string, Promise<RuleMetric[]>>()

export function useRuleMetrics() {
  const metrics = ref<RuleMetric[]>([])
  const byName = computed(() => new Map(metrics.value.map((m) => [m.name, m])))

  async function load(): Promise<void> {
    const lang = language.value
    let pending = cache.get(lang)
    if (!pending) {
      pending = ruleApi.metrics()
      cache.set(lang, pending)
      pending.catch(() => cache.delete(lang))
    }
    try {
      metrics.value = await pending
    } catch {
      /* shown by the HTTP client */
    }
  }

  /** `CPU 使用率（cpu_usage）`, or the name itself when unknown. */
  function labelOf(name: string | null | undefined): string {
    if (!name) return ''
    const metric = byName.value.get(name)
    return metric ? metric.label : name
  }

  return { metrics, byName, load, labelOf, unitOf: (name: string | null | undefined) => (name ? (byName.value.get(name)?.unit ?? null) : null) }
}
