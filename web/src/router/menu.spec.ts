import { describe, expect, it } from 'vitest'
import { MENU, menuLeaves, visibleMenu, type MenuEntry } from './menu'
import { routes } from './index'

const names = (entries: MenuEntry[]): string[] => entries.flatMap((e) => [e.name, ...(e.children ? names(e.children) : [])])

describe('menu', () => {
  it('shows a user without permissions only the pages everyone may open', () => {
    expect(names(visibleMenu(MENU, () => false))).toEqual(['home', 'personal', 'tokens', 'about'])
  })

  it('keeps a group only with at least one visible child', () => {
    const menu = visibleMenu(MENU, (p) => p === 'identity:user:read')
    expect(names(menu)).toEqual(['home', 'system', 'users', 'personal', 'tokens', 'about'])
  })

  it('shows the audit log to auditors', () => {
    const menu = visibleMenu(MENU, (p) => p === 'audit:log:read')
    expect(names(menu)).toContain('audit')
    expect(names(menu)).not.toContain('system')
  })

  it('shows everything to a user holding every permission', () => {
    expect(menuLeaves(visibleMenu(MENU, () => true)).map((e) => e.name)).toEqual([
      'home',
      'organisations',
      'users',
      'roles',
      'audit',
      'tokens',
      'about',
    ])
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
