import type { PasswordPolicy } from '@/api/auth'

export type CharacterClass = 'upper' | 'lower' | 'digit' | 'symbol'
export const CHARACTER_CLASSES: CharacterClass[] = ['upper', 'lower', 'digit', 'symbol']

/** Which of the four character classes a password uses. */
export function characterClasses(password: string): Set<CharacterClass> {
  const found = new Set<CharacterClass>()
  for (const ch of password) {
    if (/[A-Z]/.test(ch)) found.add('upper')
    else if (/[a-z]/.test(ch)) found.add('lower')
    else if (/[0-9]/.test(ch)) found.add('digit')
    else if (!/\s/.test(ch)) found.add('symbol')
  }
  return found
}

/** One line of the live checklist on the password page. */
export interface PasswordRuleResult {
  rule: 'minLength' | 'classes' | 'notUsername' | 'history'
  /** null: cannot be checked in the browser (only the server knows the history). */
  ok: boolean | null
}

/** Checks a new password against the policy as far as the browser can. */
export function checkPassword(password: string, policy: PasswordPolicy, username: string): PasswordRuleResult[] {
  const results: PasswordRuleResult[] = [
    { rule: 'minLength', ok: password.length >= policy.minLength },
    { rule: 'classes', ok: characterClasses(password).size >= policy.minCharacterClasses },
    {
      rule: 'notUsername',
      ok: password.length > 0 && (!username || password.toLowerCase() !== username.toLowerCase()),
    },
  ]
  if (policy.historySize > 0) results.push({ rule: 'history', ok: null })
  return results
}

/** True when every rule the browser can check is met. */
export function passwordAcceptable(results: PasswordRuleResult[]): boolean {
  return results.every((r) => r.ok !== false)
}
