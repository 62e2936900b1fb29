import { describe, expect, it } from 'vitest'
import { MENU, menuLeaves, visibleMenu, type MenuEntry } from './menu'
import { routes } from './index'

const names = (entries: MenuEntry[]): string[] => entries.flatMap((e) => [e.name, ...(e.children ? names(e.children) : [])])

describe('menu', () => {
  it('shows a user without permissions only the pages everyone may open', () => {
    // 定级确认 needs no permission: anyone may be named as one of a grading's four parties
    expect(names(visibleMenu(MENU, () => false))).toEqual(['home', 'service-levels', 'sl-grading-inbox', 'personal', 'tokens', 'my-notifications', 'notification-preferences', 'portal', 'about'])
  })

  it('keeps a group only with at least one visible child', () => {
    const menu = visibleMenu(MENU, (p) => p === 'identity:user:read')
    expect(names(menu)).toEqual(['home', 'service-levels', 'sl-grading-inbox', 'system', 'users', 'personal', 'tokens', 'my-notifications', 'notification-preferences', 'portal', 'about'])
  })

  it('shows the audit log to auditors', () => {
    const menu = visibleMenu(MENU, (p) => p === 'audit:log:read')
    expect(names(menu)).toContain('audit')
    expect(names(menu)).not.toContain('system')
  })

  it('shows everything to a user holding every permission', () => {
    expect(menuLeaves(visibleMenu(MENU, () => true)).map((e) => e.name)).toEqual([
      'home',
      'cmdb-cis',
      'cmdb-business-systems',
      'cmdb-verification',
      'cmdb-classes',
      'sd-tickets',
      'sd-new-ticket',
      'sd-groups',
      'sd-work-records',
      'sd-statistics',
      'sd-catalogue',
      'sd-mail-intake',
      'sd-satisfaction',
      'sd-return-visits',
      'sd-surveys',
      'sd-faq',
      'sd-vendor-cases',
      'sd-registrations',
      'sl-systems',
      'sl-grading-inbox',
      'sl-gaps',
      'sl-matrix',
      'sl-policies',
      'sl-grades',
      'calendars',
      'holiday-schedule',
      'mon-resources',
      'mon-monitors',
      'mon-bulk',
      'mon-top',
      'mon-types',
      'mon-store',
      'alr-alerts',
      'alr-wall',
      'alr-rules',
      'alr-silences',
      'alr-routes',
      'alr-statistics',
      'organisations',
      'users',
      'roles',
      'notification-endpoints',
      'notification-templates',
      'notification-deliveries',
      'audit',
      'tokens',
      'my-notifications',
      'notification-preferences',
      'portal',
      'about',
    ])
  })

  it('shows the CMDB group to those who can read CIs, and the classes only with class:read', () => {
    const reader = visibleMenu(MENU, (p) => p === 'cmdb:ci:read')
    expect(names(reader)).toContain('cmdb')
    expect(names(reader)).toEqual(expect.arrayContaining(['cmdb-cis', 'cmdb-business-systems', 'cmdb-verification']))
    expect(names(reader)).not.toContain('cmdb-classes')
    const modeller = visibleMenu(MENU, (p) => p === 'cmdb:class:read')
    expect(names(modeller)).toEqual(['home', 'cmdb', 'cmdb-classes', 'service-levels', 'sl-grading-inbox', 'personal', 'tokens', 'my-notifications', 'notification-preferences', 'portal', 'about'])
  })

  it('shows the service-level group, after the CMDB and the service desk, to those who can read calendars', () => {
    const reader = visibleMenu(MENU, (p) => p === 'calendar:calendar:read')
    expect(names(reader)).toEqual(['home', 'service-levels', 'sl-grading-inbox', 'calendars', 'holiday-schedule', 'personal', 'tokens', 'my-notifications', 'notification-preferences', 'portal', 'about'])
    const all = MENU.map((e) => e.name)
    expect(all.indexOf('servicedesk')).toBe(all.indexOf('cmdb') + 1)
    expect(all.indexOf('service-levels')).toBe(all.indexOf('servicedesk') + 1)
  })

  it('shows the service desk to those who can read tickets, recording only with ticket:create', () => {
    const reader = visibleMenu(MENU, (p) => p === 'servicedesk:ticket:read')
    expect(names(reader)).toEqual(['home', 'servicedesk', 'sd-tickets', 'sd-groups', 'sd-work-records', 'sd-statistics', 'sd-catalogue', 'sd-satisfaction', 'sd-vendor-cases', 'service-levels', 'sl-grading-inbox', 'personal', 'tokens', 'my-notifications', 'notification-preferences', 'portal', 'about'])
    const agent = visibleMenu(MENU, (p) => p === 'servicedesk:ticket:read' || p === 'servicedesk:ticket:create')
    expect(names(agent)).toEqual(expect.arrayContaining(['servicedesk', 'sd-tickets', 'sd-new-ticket', 'sd-groups']))
    // recording alone does not open the desk: the group needs ticket:read
    expect(names(visibleMenu(MENU, (p) => p === 'servicedesk:ticket:create'))).not.toContain('servicedesk')
  })

  it('shows the service-level pages to those who can read levels', () => {
    const reader = visibleMenu(MENU, (p) => p === 'servicelevel:level:read')
    expect(names(reader)).toEqual(['home', 'service-levels', 'sl-systems', 'sl-grading-inbox', 'sl-gaps', 'sl-matrix', 'sl-policies', 'sl-grades', 'personal', 'tokens', 'my-notifications', 'notification-preferences', 'portal', 'about'])
  })

  it('asks for the same permission as the route it opens', () => {
    const byPath = new Map<string, string | undefined>()
    const walk = (records: typeof routes, prefix: string) => {
      for (const r of records) {
        const path = r.path.startsWith('/') ? r.path : `${prefix}${prefix.endsWith('/') ? '' : '/'}${r.path}`
        byPath.set(path.replace(/\/$/, '') || '/', r.meta?.permission)
        if (r.children) walk(r.children, path)
      }
    }
    walk(routes, '')
    for (const leaf of menuLeaves(MENU)) {
      expect(byPath.has(leaf.path!), leaf.path).toBe(true)
      expect(byPath.get(leaf.path!), leaf.path).toBe(leaf.permission)
    }
  })
})
