import { ref } from 'vue'
import { http } from '@/api/http'
import { ruleApi } from '@/api/alerting'
import { useCiClasses } from '@/composables/useCiClasses'
import { useOrganisationTree } from '@/composables/useOrganisationTree'
import { nameIndex } from '@/utils/tree'

/**
 * Names for the ids silences and maintenance windows carry (rules, CIs and business systems,
 * classes, organisations): looked up once each, quietly — an id the user may not read stays an id.
 */
export function useAlertingNames() {
  const classes = useCiClasses()
  const organisations = useOrganisationTree()
  const rules = ref(new Map<number, string>())
  const cis = ref(new Map<number, string>())
  const asked = new Set<number>()

  async function loadBasics(): Promise<void> {
    void classes.load()
    void organisations.load()
    try {
      const page = await ruleApi.list({ size: 200 })
      rules.value = new Map(page.items.map((r) => [r.id, r.name]))
    } catch {
      /* shown by the HTTP client */
    }
  }

  /** Looks up the names of CIs (resources, business systems) not known yet. */
  async function loadCis(ids: (number | null | undefined)[]): Promise<void> {
    const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number' && !asked.has(id)))]
    wanted.forEach((id) => asked.add(id))
    const found = await Promise.all(
      wanted.map(async (id) => {
        try {
          const ci = await http.get<{ id: number; name: string }>(`cmdb/cis/${id}`, undefined, { silent: true })
          return [id, ci.name] as const
        } catch {
          return null
        }
      }),
    )
    if (found.some(Boolean)) {
      const next = new Map(cis.value)
      for (const entry of found) if (entry) next.set(entry[0], entry[1])
      cis.value = next
    }
  }

  return {
    loadBasics,
    loadCis,
    rule: (id: number | null | undefined) => (id == null ? '' : (rules.value.get(id) ?? `#${id}`)),
    ci: (id: number | null | undefined) => (id == null ? '' : (cis.value.get(id) ?? `#${id}`)),
    className: (code: string | null | undefined) => (code ? classes.nameOf(code, code) : ''),
    organisation: (id: number | null | undefined) => (id == null ? '' : (nameIndex(organisations.tree.value).get(id) ?? `#${id}`)),
  }
}
