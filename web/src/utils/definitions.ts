import { DEFINITION_CODE_PATTERN, RESERVED_CODES, type DefinitionHeader, type DefinitionOption, type NewDefinitionInput } from '@/api/definitions'

/**
 * Pure helpers of the shared definition pages (calendars, SLA policies …): the code a copy is
 * offered, the checks of a code, and error texts merged per field.
 */

/** The kinds of definition the shared components show; each has a `definition.<kind>` block in the locales. */
export type DefinitionKind = 'calendar' | 'policy'

/** What the shared definition pages need to know of a kind (one constant per kind). */
export interface DefinitionConfig {
  kind: DefinitionKind
  /** Prefix of the test hooks (`calendar`, `sl-policy`). */
  hook: string
  /** The base the copy dialog offers first. */
  defaultBase: string
  /** Codes that are names of the kind's pages. */
  reserved: readonly string[]
  /** The list page and the page of one definition. */
  listRoute: string
  routeOf: (code: string) => string
  options: () => Promise<DefinitionOption[]>
  create: (input: NewDefinitionInput<never>) => Promise<DefinitionHeader>
  remove: (code: string) => Promise<unknown>
}

/** A code for a copy of `code` in the same letter case: `HN-CONTRACT` → `HN-CONTRACT-COPY`, `5x8` → `5x8-copy`. */
export function copyCode(code: string): string {
  const suffix = code === code.toUpperCase() && code !== code.toLowerCase() ? '-COPY' : '-copy'
  return `${code.substring(0, 50 - suffix.length)}${suffix}`
}

/** Why a code cannot be used: `pattern`, `reserved`, or null when it can. */
export function codeProblem(code: string, reserved: readonly string[] = []): 'pattern' | 'reserved' | null {
  const value = code.trim()
  if (!DEFINITION_CODE_PATTERN.test(value)) return 'pattern'
  const lower = value.toLowerCase()
  return [...RESERVED_CODES, ...reserved].some((r) => r.toLowerCase() === lower) ? 'reserved' : null
}

/** Adds a message to the errors of a field, joined with `separator` when the field has one already. */
export function addError(errors: Record<string, string>, field: string, message: string, separator: string): void {
  errors[field] = errors[field] ? `${errors[field]}${separator}${message}` : message
}
