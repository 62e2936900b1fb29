import { describe, expect, it } from 'vitest'
import type { PasswordPolicy } from '@/api/auth'
import { characterClasses, checkPassword, passwordAcceptable } from './password'

const policy: PasswordPolicy = {
  minLength: 10,
  minCharacterClasses: 3,
  historySize: 5,
  expiryDays: 90,
  maxFailedAttempts: 5,
  lockMinutes: 30,
}

function rule(results: ReturnType<typeof checkPassword>, name: string) {
  return results.find((r) => r.rule === name)?.ok
}

describe('password checklist', () => {
  it('recognises the four character classes', () => {
    expect([...characterClasses('Ab1!')].sort()).toEqual(['digit', 'lower', 'symbol', 'upper'])
    expect([...characterClasses('abc def')]).toEqual(['lower'])
    expect([...characterClasses('密码Abc')].sort()).toEqual(['lower', 'symbol', 'upper'])
  })

  it('accepts a password meeting every rule the browser can check', () => {
    const results = checkPassword('Winter-2026x', policy, 'zhangsan')
    expect(rule(results, 'minLength')).toBe(true)
    expect(rule(results, 'classes')).toBe(true)
    expect(rule(results, 'notUsername')).toBe(true)
    expect(rule(results, 'history')).toBeNull()
    expect(passwordAcceptable(results)).toBe(true)
  })

  it('refuses short passwords and too few character classes', () => {
    expect(rule(checkPassword('Ab1!', policy, 'u'), 'minLength')).toBe(false)
    const twoClasses = checkPassword('abcdefgh12', policy, 'u')
    expect(rule(twoClasses, 'classes')).toBe(false)
    expect(passwordAcceptable(twoClasses)).toBe(false)
  })

  it('refuses the username, whatever its case', () => {
    const results = checkPassword('Admin.2026', { ...policy, minLength: 8 }, 'admin.2026')
    expect(rule(results, 'notUsername')).toBe(false)
  })

  it('does not list the history rule when the policy keeps no history', () => {
    expect(checkPassword('x', { ...policy, historySize: 0 }, 'u').map((r) => r.rule)).toEqual(['minLength', 'classes', 'notUsername'])
  })
})
