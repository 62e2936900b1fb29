import type { Attribute } from '@/api/cmdb'

/**
 * The configurable columns of the CI list: core fields and the attributes of the selected class.
 * Which ones a user shows is remembered per class in localStorage.
 */

/** Core fields that can be shown (the name is always shown: it opens the CI). */
export const CORE_COLUMNS = [
  'code',
  'className',
  'organisationName',
  'ownerName',
  'status',
  'importance',
  'location',
  'tags',
  'vendor',
  'model',
  'serialNumber',
  'lastVerifiedAt',
  'updatedAt',
] as const
export type CoreColumn = (typeof CORE_COLUMNS)[number]

export const DEFAULT_CORE_COLUMNS: CoreColumn[] = ['code', 'className', 'organisationName', 'status', 'importance', 'updatedAt']

/**
 * The core columns shown by default next to a class's attributes: the class is the one chosen and
 * the attributes say more than the time of the last change, and all of it fits at 1366 px.
 */
export const CLASS_CORE_COLUMNS: CoreColumn[] = ['code', 'organisationName', 'status', 'importance']

/** Core columns the server can sort by (`GET /cis` sort fields). */
export const SORTABLE_COLUMNS: ReadonlySet<string> = new Set(['code', 'importance', 'lastVerifiedAt', 'updatedAt'])

/** How many attributes a class shows until the user chooses. */
export const DEFAULT_ATTRIBUTE_COLUMNS = 2

const ATTRIBUTE_PREFIX = 'attr:'
const STORAGE_PREFIX = 'opsguard.cmdb.columns.'
/** The key used while no class is selected. */
export const ALL_CLASSES = '*'

export function attributeColumn(code: string): string {
  return `${ATTRIBUTE_PREFIX}${code}`
}

/** The attribute code of an attribute column, or null for a core column. */
export function attributeCodeOf(column: string): string | null {
  return column.startsWith(ATTRIBUTE_PREFIX) ? column.substring(ATTRIBUTE_PREFIX.length) : null
}

export function columnsStorageKey(classCode: string | null | undefined): string {
  return `${STORAGE_PREFIX}${classCode || ALL_CLASSES}`
}

/** Every column a class offers, in display order: core fields, then its attributes. */
export function availableColumns(attributes: Pick<Attribute, 'code'>[]): string[] {
  return [...CORE_COLUMNS, ...attributes.map((a) => attributeColumn(a.code))]
}

/** What a class shows until the user chooses: the usual core fields and its first required (else first) attributes. */
export function defaultColumns(attributes: Pick<Attribute, 'code' | 'required'>[]): string[] {
  const required = attributes.filter((a) => a.required)
  const picked = (required.length ? required : attributes).slice(0, DEFAULT_ATTRIBUTE_COLUMNS)
  if (!picked.length) return [...DEFAULT_CORE_COLUMNS]
  return [...CLASS_CORE_COLUMNS, ...picked.map((a) => attributeColumn(a.code))]
}

type Reader = Pick<Storage, 'getItem'>
type Writer = Pick<Storage, 'setItem'>

/**
 * The columns to show for a class: the stored choice (columns the class no longer has are
 * dropped), else the defaults; always in the order of `available`.
 */
export function loadColumns(storage: Reader | null | undefined, classCode: string | null | undefined, available: string[], defaults: string[]): string[] {
  let chosen: string[] = defaults
  try {
    const raw = storage?.getItem(columnsStorageKey(classCode))
    if (raw) {
      const parsed: unknown = JSON.parse(raw)
      if (Array.isArray(parsed) && parsed.every((c) => typeof c === 'string')) chosen = parsed as string[]
    }
  } catch {
    /* unreadable or private mode: the defaults */
  }
  const set = new Set(chosen)
  return available.filter((c) => set.has(c))
}

/** Remembers the choice for a class. */
export function saveColumns(storage: Writer | null | undefined, classCode: string | null | undefined, columns: string[]): void {
  try {
    storage?.setItem(columnsStorageKey(classCode), JSON.stringify(columns))
  } catch {
    /* quota or private mode: the choice lasts for this page */
  }
}

/** The browser's localStorage, or null where there is none. */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
