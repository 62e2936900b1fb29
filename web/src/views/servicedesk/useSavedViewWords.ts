import { useI18n } from 'vue-i18n'
import type { ViewState } from '@/utils/ticketLinks'

/** A saved view in words: its queue, each filter and its order (队列 · 故障 · 1 级 · 按到期时间 …). */
export function useSavedViewWords() {
  const { t } = useI18n()

  function parts(view: ViewState, systemName?: string | null): string[] {
    const list = [t(`ticketQueue.${view.queue}`)]
    if (view.type) list.push(t(`sl.ticketType.${view.type}`))
    if (view.state) list.push(t(`ticketState.${view.state}`))
    if (view.faultLevel) list.push(t('servicedesk.faultLevel', { n: view.faultLevel }))
    if (view.businessSystemId) list.push(systemName || t('savedViews.systemId', { id: view.businessSystemId }))
    if (view.q.trim()) list.push(t('savedViews.text', { q: view.q.trim() }))
    list.push(view.sort ? t(`servicedesk.sort.${view.sort.replace(',', '_')}`) : t('savedViews.defaultSort'))
    return list
  }

  return { parts }
}
