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
  rule: 'minLength' | 'maxBytes' | 'classes' | 'notUsername' | 'noControl' | 'notCommon' | 'history'
  /** null: cannot be checked in the browser (only the server knows the history and the common passwords). */
  ok: boolean | null
}

/** bcrypt reads the first 72 bytes of a password; the server refuses longer ones. */
export const DEFAULT_MAX_BYTES = 72

/** The length of a password as the server measures its limit: bytes in UTF-8. */
export function utf8Bytes(password: string): number {
  return new TextEncoder().encode(password).length
}

/** Control characters, invisible format characters and broken surrogate halves (the server refuses them). */
export function hasControlCharacters(password: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(
    password,
  )
}

/**
 * Checks a new password against the policy as far as the browser can. The line about control
 * characters appears only when there are some (they are rare and invisible).
 */
export function checkPassword(password: string, policy: PasswordPolicy, username: string): PasswordRuleResult[] {
  const name = username.trim().toLowerCase()
  const results: PasswordRuleResult[] = [
    { rule: 'minLength', ok: password.length >= policy.minLength },
    { rule: 'maxBytes', ok: utf8Bytes(password) <= (policy.maxBytes ?? DEFAULT_MAX_BYTES) },
    { rule: 'classes', ok: characterClasses(password).size >= policy.minCharacterClasses },
    { rule: 'notUsername', ok: password.length > 0 && (!name || !password.toLowerCase().includes(name)) },
  ]
  if (hasControlCharacters(password)) results.push({ rule: 'noControl', ok: false })
  results.push({ rule: 'notCommon', ok: null })
  if (policy.historySize > 0) results.push({ rule: 'history', ok: null })
  return results
}

/** True when every rule the browser can check is met. */
export function passwordAcceptable(results: PasswordRuleResult[]): boolean {
  return results.every((r) => r.ok !== false)
}
