import type { CatalogueField, CatalogueFieldKind, CatalogueItem } from '@/api/servicedesk'

/**
 * Pure helpers of the service catalogue (R-DSK-14): the checks of a form's definition and of the
 * values filled in, mirroring the server's `CatalogueForm` so that the UI says the same thing
 * earlier (the server has the last word), the values as sent, and names in the current locale.
 */

/** Fields per item (the server's `MAX_FIELDS`). */
export const MAX_FIELDS = 30
export const MAX_OPTIONS = 50
export const MAX_LABEL = 50
export const MAX_HINT = 200
export const MAX_OPTION = 100

/** A field's key: a letter, then letters, digits and underscores, at most 40. */
export const FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/

/** An item's code, upper-cased before it is checked (the server upper-cases it too). */
export const ITEM_CODE = /^[A-Z][A-Z0-9_-]{0,39}$/

/** The longest value of each kind. */
export const KIND_MAX_LENGTH: Record<CatalogueFieldKind, number> = {
  TEXT: 200,
  TEXTAREA: 2000,
  NUMBER: 40,
  DATE: 10,
  SELECT: 100,
  PHONE: 30,
  CHECKBOX: 5,
}

/** A decimal as Java's `BigDecimal` reads it: `12`, `-3.5`, `.5`, `1e3`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const PHONE = /^[0-9+\-() ]{5,30}$/

/** A real day written `yyyy-MM-dd` (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export type ValueProblem = 'required' | 'tooLong' | 'invalid'

/**
 * What is wrong with a value filled in, as the server would say it: a required field left empty (a
 * required checkbox left unticked), a value too long for its kind, or not of its kind (a number, a
 * real day, a phone number, one of the options). Null when it is fine.
 */
export function valueProblem(field: Pick<CatalogueField, 'kind' | 'required' | 'options'>, value: unknown): ValueProblem | null {
  if (field.kind === 'CHECKBOX') {
    const ticked = value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true')
    if (value !== undefined && value !== null && value !== '' && typeof value !== 'boolean' && !/^(true|false)$/i.test(String(value).trim())) {
      return 'invalid'
    }
    return field.required && !ticked ? 'required' : null
  }
  const text = value === undefined || value === null ? '' : String(value).trim()
  if (!text) return field.required ? 'required' : null
  if (text.length > KIND_MAX_LENGTH[field.kind]) return 'tooLong'
  switch (field.kind) {
    case 'NUMBER':
      return NUMBER.test(text) ? null : 'invalid'
    case 'DATE':
      return isIsoDate(text) ? null : 'invalid'
    case 'SELECT':
      return field.options.some((o) => o.trim() === text) ? null : 'invalid'
    case 'PHONE':
      return PHONE.test(text) ? null : 'invalid'
    default:
      return null
  }
}

/** The `formValues` of a request: trimmed, blanks left out, checkboxes as booleans, only the form's keys. */
export function formValuesOf(fields: CatalogueField[], values: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const field of fields) {
    const value = values[field.key]
    if (field.kind === 'CHECKBOX') {
      if (value !== undefined && value !== null && value !== '') out[field.key] = value === true || String(value).toLowerCase() === 'true'
      continue
    }
    const text = value === undefined || value === null ? '' : String(value).trim()
    if (text) out[field.key] = text
  }
  return out
}

/** Empty values for a form (checkboxes unticked), to start filling it in. */
export function blankValues(fields: CatalogueField[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const field of fields) out[field.key] = field.kind === 'CHECKBOX' ? false : ''
  return out
}

export type DefinitionProblem = 'badKey' | 'duplicateKey' | 'labelRequired' | 'tooLong' | 'kindRequired' | 'badOptions'

/**
 * The problems of a form's definition, keyed as the server names them (`fields[2].key`,
 * `fields[0].options`), and `fields` for a form with too many fields.
 */
export function definitionProblems(fields: Partial<CatalogueField>[]): Record<string, DefinitionProblem> {
  const problems: Record<string, DefinitionProblem> = {}
  if (fields.length > MAX_FIELDS) {
    problems.fields = 'tooLong'
    return problems
  }
  const keys = new Set<string>()
  fields.forEach((f, i) => {
    const at = `fields[${i}]`
    const key = f.key ?? ''
    if (!FIELD_KEY.test(key)) problems[`${at}.key`] = 'badKey'
    else if (keys.has(key.toLowerCase())) problems[`${at}.key`] = 'duplicateKey'
    else keys.add(key.toLowerCase())
    const label = (f.label ?? '').trim()
    if (!label || label.length > MAX_LABEL) problems[`${at}.label`] = 'labelRequired'
    if ((f.labelEn ?? '').trim().length > MAX_LABEL) problems[`${at}.labelEn`] = 'tooLong'
    if ((f.hint ?? '').trim().length > MAX_HINT) problems[`${at}.hint`] = 'tooLong'
    if (!f.kind) problems[`${at}.kind`] = 'kindRequired'
    else if (f.kind === 'SELECT') {
      const options = f.options ?? []
      const seen = new Set<string>()
      let bad = options.length === 0 || options.length > MAX_OPTIONS
      for (const option of options) {
        const o = (option ?? '').trim()
        bad ||= !o || o.length > MAX_OPTION || seen.has(o)
        seen.add(o)
      }
      if (bad) problems[`${at}.options`] = 'badOptions'
    }
  })
  return problems
}

/** A field's label in the locale (`en…` takes `labelEn` when there is one). */
export function fieldLabel(field: Pick<CatalogueField, 'label' | 'labelEn'>, locale: string): string {
  return locale.startsWith('en') && field.labelEn ? field.labelEn : field.label
}

/** An item's name in the locale. */
export function itemName(item: Pick<CatalogueItem, 'name' | 'nameEn'>, locale: string): string {
  return locale.startsWith('en') && item.nameEn ? item.nameEn : item.name
}

/** Items grouped by category in catalogue order (items without one last, under `other`). */
export function byCategory<T extends Pick<CatalogueItem, 'category'>>(items: T[], other: string): { category: string; items: T[] }[] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const category = item.category?.trim() || other
    groups.set(category, [...(groups.get(category) ?? []), item])
  }
  const list = [...groups.entries()].map(([category, list]) => ({ category, items: list }))
  return [...list.filter((g) => g.category !== other), ...list.filter((g) => g.category === other)]
}

/** A new, empty field for the editor: a free key (`field1`, `field2` …). */
export function newField(existing: Pick<CatalogueField, 'key'>[]): CatalogueField {
  const taken = new Set(existing.map((f) => f.key.toLowerCase()))
  let n = existing.length + 1
  while (taken.has(`field${n}`)) n++
  return { key: `field${n}`, label: '', labelEn: null, kind: 'TEXT', required: false, options: [], hint: null }
}

/** Moves an element of a list by `delta` places (a copy; unchanged at the ends). */
export function moved<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list
  const copy = [...list]
  const [item] = copy.splice(index, 1)
  copy.splice(to, 0, item)
  return copy
}

/** The answer as read: 是/否 for a checkbox (words from the caller), the value otherwise. */
export function answerText(answer: { kind: CatalogueFieldKind; value: string }, yes: string, no: string): string {
  if (answer.kind === 'CHECKBOX') return answer.value === 'true' ? yes : no
  return answer.value
}
