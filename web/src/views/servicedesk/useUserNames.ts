import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { lookupApi } from '@/api/servicedesk'
import { useSessionStore } from '@/stores/session'

/** Names already known, shared by the service-desk pages (a user's name rarely changes). */
const known = reactive(new Map<number, string>())
const asked = new Set<number>()

/** Remembers names the server sent along (history, comments, group members). */
export function rememberNames(refs: Iterable<{ id: number | null; name: string | null }>): void {
  for (const ref of refs) {
    if (ref.id !== null && ref.name) known.set(ref.id, ref.name)
  }
}

/**
 * Names of users referred to by id (history, comments, group members). Names come from what the
 * pages already have (a ticket's requester and assignee, the signed-in user) and, with
 * `identity:user:read`, from `GET /users/{id}`; without it a user shows as “用户 #12”.
 */
export function useUserNames() {
  const { t } = useI18n()
  const session = useSessionStore()

  function remember(ref: { id: number; name: string | null } | null | undefined): void {
    if (ref?.name) known.set(ref.id, ref.name)
  }

  /** Looks up the names of these users (once each) when the user may read users. */
  function need(ids: Iterable<number | null | undefined>): void {
    if (!session.hasPermission('identity:user:read')) return
    for (const id of ids) {
      if (id === null || id === undefined || known.has(id) || asked.has(id)) continue
      asked.add(id)
      lookupApi
        .user(id)
        .then((user) => known.set(id, user.displayName || user.username))
        .catch(() => undefined)
    }
  }

  function nameOf(id: number | null | undefined): string {
    if (id === null || id === undefined) return ''
    const me = session.user
    if (me && me.id === id) return me.displayName || me.username
    return known.get(id) ?? t('servicedesk.userId', { id })
  }

  return { remember, need, nameOf, canLookUp: () => session.hasPermission('identity:user:read') }
}
