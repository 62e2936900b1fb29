import { describe, expect, it } from 'vitest'
import type { PasswordPolicy } from '@/api/auth'
import { characterClasses, checkPassword, passwordAcceptable } from './password'

const policy: PasswordPolicy = {
  minLength: 10,
  maxBytes: 72,
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

  it('refuses the username inside the password, whatever its case', () => {
    expect(rule(checkPassword('Admin.2026', { ...policy, minLength: 8 }, 'admin.2026'), 'notUsername')).toBe(false)
    expect(rule(checkPassword('My-ZhangSan-9', policy, 'zhangsan'), 'notUsername')).toBe(false)
    expect(rule(checkPassword('Zhang-San-9x', policy, 'zhangsan'), 'notUsername')).toBe(true)
  })

  it('measures the upper limit in UTF-8 bytes, as the server does', () => {
    expect(rule(checkPassword('Aa1!' + 'x'.repeat(68), policy, 'u'), 'maxBytes')).toBe(true)
    expect(rule(checkPassword('Aa1!' + 'x'.repeat(69), policy, 'u'), 'maxBytes')).toBe(false)
    expect(rule(checkPassword('Aa1' + '密'.repeat(23), policy, 'u'), 'maxBytes')).toBe(true)
    expect(rule(checkPassword('Aa1' + '密'.repeat(24), policy, 'u'), 'maxBytes')).toBe(false)
  })

  it('names control and invisible characters only when there are some', () => {
    expect(checkPassword('Winter-2026x', policy, 'u').map((r) => r.rule)).not.toContain('noControl')
    for (const bad of ['Winter-2026x\u0000', 'Win\tter-2026x', 'Winter\u200b-2026x', 'Winter-2026x\ud800']) {
      const results = checkPassword(bad, policy, 'u')
      expect(rule(results, 'noControl')).toBe(false)
      expect(passwordAcceptable(results)).toBe(false)
    }
  })

  it('leaves the common passwords and the history to the server', () => {
    expect(checkPassword('x', { ...policy, historySize: 0 }, 'u').map((r) => r.rule)).toEqual([
      'minLength',
      'maxBytes',
      'classes',
      'notUsername',
      'notCommon',
    ])
    expect(rule(checkPassword('Password1', policy, 'u'), 'notCommon')).toBeNull()
  })
})
