import {
  CI_IMPORTANCES,
  CI_STATUSES,
  type Attribute,
  type AttributeType,
  type AttributeValue,
  type CiClassNode,
  type CiDocument,
  type EnumOption,
  type HistoryChange,
  type Relation,
  type RelationType,
} from '@/api/cmdb'
import { formatDateTime } from './format'

/** Translates a locale key (the component's `t`, or `t` of `@/i18n`). */
export type Translate = (key: string, params?: Record<string, unknown>) => string

// ---------------------------------------------------------------- the class tree

/** A class with its depth in the tree, in tree order (for indented selects). */
export interface FlatClass {
  node: CiClassNode
  depth: number
}

export function flattenClasses(forest: CiClassNode[], depth = 0): FlatClass[] {
  return forest.flatMap((node) => [{ node, depth }, ...flattenClasses(node.children ?? [], depth + 1)])
}

/** The classes from the root down to the class with `code` (empty when unknown). */
export function classPath(forest: CiClassNode[], code: string): CiClassNode[] {
  for (const node of forest) {
    if (node.code === code) return [node]
    const below = classPath(node.children ?? [], code)
    if (below.length) return [node, ...below]
  }
  return []
}

/** The same, by id. */
export function classPathById(forest: CiClassNode[], id: number): CiClassNode[] {
  for (const node of forest) {
    if (node.id === id) return [node]
    const below = classPathById(node.children ?? [], id)
    if (below.length) return [node, ...below]
  }
  return []
}

/** True when the class `code` is `ancestorCode` or lies below it. */
export function classIsA(forest: CiClassNode[], code: string | null | undefined, ancestorCode: string): boolean {
  if (!code) return false
  if (code === ancestorCode) return true
  return classPath(forest, code).some((c) => c.code === ancestorCode)
}

/** Asset fields apply to a physical class and to everything below one. */
export function isPhysicalClass(forest: CiClassNode[], id: number | null | undefined): boolean {
  if (id === null || id === undefined) return false
  return classPathById(forest, id).some((c) => c.physical)
}

/** The top-level class a class belongs to (its "group": NETWORK, HOST …); the code itself when unknown. */
export function classGroup(forest: CiClassNode[], code: string | null | undefined): string {
  if (!code) return ''
  return classPath(forest, code)[0]?.code ?? code
}

/** Name of a class by code, or the fallback (never the raw code when the tree knows the class). */
export function className(forest: CiClassNode[], code: string | null | undefined, fallback = ''): string {
  if (!code) return fallback
  const path = classPath(forest, code)
  return path.length ? path[path.length - 1].name : fallback || code
}

// ---------------------------------------------------------------- attribute values

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function isIpv4(value: string): boolean {
  return IPV4.test(value)
}

/** IPv6 in any of its textual forms (RFC 4291 §2.2), including `::`, an IPv4 tail and a zone. */
export function isIpv6(value: string): boolean {
  let text = value
  const zone = text.indexOf('%')
  if (zone >= 0) {
    if (zone === text.length - 1) return false
    text = text.substring(0, zone)
  }
  const lastColon = text.lastIndexOf(':')
  if (lastColon < 0) return false
  const tail = text.substring(lastColon + 1)
  if (tail.includes('.')) {
    // an embedded IPv4 address stands for the last two groups
    if (!isIpv4(tail)) return false
    text = `${text.substring(0, lastColon + 1)}0:0`
  }
  const hex = /^[0-9a-fA-F]{1,4}$/
  const halves = text.split('::')
  if (halves.length > 2) return false
  if (halves.length === 2) {
    const left = halves[0] ? halves[0].split(':') : []
    const right = halves[1] ? halves[1].split(':') : []
    return [...left, ...right].every((g) => hex.test(g)) && left.length + right.length <= 7
  }
  const groups = text.split(':')
  return groups.length === 8 && groups.every((g) => hex.test(g))
}

export function isIpAddress(value: string): boolean {
  return isIpv4(value) || isIpv6(value)
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value)
  if (!match) return false
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** The longest TEXT attribute value the server takes (after trimming; `AttributeValues.MAX_TEXT`). */
export const TEXT_MAX_LENGTH = 2000

/** Whether an attribute of `type` may be marked unique (the server refuses it for ENUM and BOOLEAN). */
export function canBeUnique(type: AttributeType): boolean {
  return type !== 'ENUM' && type !== 'BOOLEAN'
}

/** A value counts as empty when nothing was entered (false is a value). */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

/** Compiles an attribute's pattern as the browser understands it (null when it does not). */
export function compilePattern(pattern: string | null | undefined): RegExp | null {
  if (!pattern) return null
  try {
    // the server matches the whole value
    return new RegExp(`^(?:${pattern})$`)
  } catch {
    return null
  }
}

/** What is wrong with a value: a locale key (under `cmdb.valueError`, or `validation.maxLength`) and its parameters. */
export interface ValueProblem {
  key: string
  params?: Record<string, unknown>
}

/**
 * Checks a value against its attribute definition as far as the browser can (the server checks
 * uniqueness and whether referenced objects exist). Null when the value is fine.
 */
export function checkAttributeValue(attribute: Attribute, value: unknown): ValueProblem | null {
  if (isEmptyValue(value)) {
    if (!attribute.required) return null
    const choose = ['ENUM', 'CI', 'USER', 'ORGANISATION', 'DATE', 'BOOLEAN'].includes(attribute.type)
    return { key: choose ? 'cmdb.valueError.select' : 'cmdb.valueError.required', params: { field: attribute.name } }
  }
  switch (attribute.type) {
    case 'TEXT': {
      if (String(value).trim().length > TEXT_MAX_LENGTH) return { key: 'validation.maxLength', params: { n: TEXT_MAX_LENGTH } }
      const regex = compilePattern(attribute.pattern)
      if (regex && !regex.test(String(value))) return { key: 'cmdb.valueError.pattern', params: { pattern: attribute.pattern } }
      return null
    }
    case 'NUMBER': {
      const n = typeof value === 'number' ? value : Number(value)
      if (!Number.isFinite(n)) return { key: 'cmdb.valueError.number' }
      if (attribute.min !== null && attribute.min !== undefined && n < attribute.min) {
        if (attribute.max !== null && attribute.max !== undefined) return { key: 'cmdb.valueError.range', params: { min: attribute.min, max: attribute.max } }
        return { key: 'cmdb.valueError.min', params: { min: attribute.min } }
      }
      if (attribute.max !== null && attribute.max !== undefined && n > attribute.max) {
        if (attribute.min !== null && attribute.min !== undefined) return { key: 'cmdb.valueError.range', params: { min: attribute.min, max: attribute.max } }
        return { key: 'cmdb.valueError.max', params: { max: attribute.max } }
      }
      return null
    }
    case 'DATE':
      return isIsoDate(String(value)) ? null : { key: 'cmdb.valueError.date' }
    case 'IP':
      return isIpAddress(String(value).trim()) ? null : { key: 'cmdb.valueError.ip' }
    case 'ENUM':
      return (attribute.options ?? []).some((o) => o.value === value) ? null : { key: 'cmdb.valueError.option' }
    case 'BOOLEAN':
      return typeof value === 'boolean' ? null : { key: 'cmdb.valueError.boolean' }
    default:
      return null
  }
}

/** The label of an enum option in the UI language. */
export function optionLabel(option: EnumOption, language: string): string {
  const own = language === 'en' ? option.labelEn : option.labelZh
  return own || option.label || option.labelZh || option.labelEn || option.value
}

export interface FormatContext {
  t: Translate
  language: string
  /** Display texts the server sent (`attributeLabels`). */
  labels?: Record<string, string> | null
  /** Name of an organisation id (from the organisation tree), when known. */
  organisationName?: (id: number) => string | null | undefined
}

/**
 * A value for display: enum labels, 是/否, referenced names from `attributeLabels` (or the
 * organisation tree), dates and numbers as they are. Empty text for no value.
 */
export function formatAttributeValue(attribute: Pick<Attribute, 'code' | 'type' | 'options'>, value: unknown, context: FormatContext): string {
  const label = context.labels?.[attribute.code]
  if (isEmptyValue(value)) return ''
  if (label) return label
  switch (attribute.type) {
    case 'BOOLEAN':
      return value === true || value === 'true' ? context.t('common.yes') : context.t('common.no')
    case 'ENUM': {
      const option = (attribute.options ?? []).find((o) => o.value === value)
      return option ? optionLabel(option, context.language) : context.t('cmdb.unknownOption')
    }
    case 'ORGANISATION': {
      const name = context.organisationName?.(Number(value))
      return name || context.t('cmdb.referenceNumber', { id: String(value) })
    }
    case 'CI':
    case 'USER':
      return context.t('cmdb.referenceNumber', { id: String(value) })
    default:
      return String(value)
  }
}

/** The empty value a form starts with for an attribute. */
export function initialAttributeValue(attribute: Attribute): AttributeValue {
  return attribute.type === 'BOOLEAN' ? (attribute.required ? false : null) : null
}

/**
 * The `attributes` member of a CI request: only the class's attributes, empty texts as null,
 * numbers as numbers, text trimmed.
 */
export function attributePayload(attributes: Attribute[], values: Record<string, unknown>): Record<string, AttributeValue> {
  const payload: Record<string, AttributeValue> = {}
  for (const attribute of attributes) {
    const value = values[attribute.code]
    if (isEmptyValue(value)) {
      payload[attribute.code] = null
      continue
    }
    switch (attribute.type) {
      case 'NUMBER':
        payload[attribute.code] = typeof value === 'number' ? value : Number(value)
        break
      case 'BOOLEAN':
        payload[attribute.code] = value === true || value === 'true'
        break
      case 'CI':
      case 'USER':
      case 'ORGANISATION':
        payload[attribute.code] = typeof value === 'number' ? value : Number(value)
        break
      default:
        payload[attribute.code] = String(value).trim()
    }
  }
  return payload
}

/** A value of a history change for display (before/after may be any JSON). */
export function formatChangeValue(value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('cmdb.history.blank')
  if (value === true) return t('common.yes')
  if (value === false) return t('common.no')
  if (Array.isArray(value)) {
    if (!value.length) return t('cmdb.history.blank')
    return value.map((v) => (typeof v === 'object' && v !== null ? describeObject(v as Record<string, unknown>, t) : String(v))).join(t('common.listSeparator'))
  }
  if (typeof value === 'object') return describeObject(value as Record<string, unknown>, t)
  return String(value)
}

/** Locale keys of the core fields a history change can name. */
const CHANGE_FIELD_LABELS: Record<string, string> = {
  classId: 'cmdb.ci.field.class',
  code: 'cmdb.ci.field.code',
  name: 'cmdb.ci.field.name',
  organisationId: 'cmdb.ci.field.organisation',
  ownerId: 'cmdb.ci.field.owner',
  status: 'cmdb.ci.field.status',
  importance: 'cmdb.ci.field.importance',
  location: 'cmdb.ci.field.location',
  vendor: 'cmdb.ci.field.vendor',
  model: 'cmdb.ci.field.model',
  serialNumber: 'cmdb.ci.field.serialNumber',
  contract: 'cmdb.ci.field.contract',
  documents: 'cmdb.ci.field.documents',
  tags: 'cmdb.ci.field.tags',
  notes: 'cmdb.ci.field.notes',
  lastVerifiedAt: 'cmdb.ci.field.lastVerifiedAt',
  retiredAt: 'cmdb.ci.field.retiredAt',
}

export interface ChangeContext {
  t: Translate
  language: string
  /** The class's attribute definitions (names, enum labels). */
  attributes: Attribute[]
  organisationName?: (id: number) => string | null | undefined
}

/**
 * One history change for display: the field's name (the server's label, else the UI's own) and
 * both values in words — statuses and importance translated, instants as local time, enum options
 * and yes/no by the attribute definition, organisations by name where known.
 */
export function describeChange(change: HistoryChange, context: ChangeContext): { label: string; before: string; after: string } {
  const { t } = context
  const attributeCode = change.field.startsWith('attributes.') ? change.field.substring('attributes.'.length) : null
  const attribute = attributeCode ? context.attributes.find((a) => a.code === attributeCode) : undefined
  const core = CHANGE_FIELD_LABELS[change.field]
  const label = change.label || (core ? t(core) : attribute ? attribute.name : (attributeCode ?? change.field))
  const value = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return formatChangeValue(v, t)
    if (change.field === 'status' && CI_STATUSES.includes(v as never)) return t(`ciStatus.${String(v)}`)
    if (change.field === 'importance' && CI_IMPORTANCES.includes(v as never)) return t(`ciImportance.${String(v)}`)
    if (change.field === 'lastVerifiedAt' || change.field === 'retiredAt') return formatDateTime(String(v)) || String(v)
    if (change.field === 'organisationId') return context.organisationName?.(Number(v)) || formatChangeValue(v, t)
    if (attribute?.type === 'BOOLEAN' && (v === 'true' || v === 'false' || typeof v === 'boolean')) return t(v === true || v === 'true' ? 'common.yes' : 'common.no')
    if (attribute?.type === 'ENUM') {
      const option = (attribute.options ?? []).find((o) => o.value === v)
      if (option) return optionLabel(option, context.language)
    }
    if (attribute?.type === 'ORGANISATION') return context.organisationName?.(Number(v)) || formatChangeValue(v, t)
    return formatChangeValue(v, t)
  }
  return { label, before: value(change.before), after: value(change.after) }
}

function describeObject(value: Record<string, unknown>, t: Translate): string {
  // documents ({title, reference}) and references ({id, name}) have a natural text
  const title = value.title ?? value.name ?? value.label
  const detail = value.reference ?? value.code
  if (title !== undefined && title !== null) return detail ? t('common.withDetail', { text: String(title), detail: String(detail) }) : String(title)
  return Object.entries(value)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ')
}

// ---------------------------------------------------------------- relations

/**
 * Whether a relation of `type` may go from a CI of `sourceClassCode` to one of `targetClassCode`:
 * a rule for a class covers its subclasses; a type without rules allows any pair.
 */
export function relationAllowed(
  forest: CiClassNode[],
  type: Pick<RelationType, 'rules'>,
  sourceClassCode: string | null | undefined,
  targetClassCode: string | null | undefined,
): boolean {
  const rules = type.rules ?? []
  if (!rules.length) return true
  if (!sourceClassCode || !targetClassCode) return true
  return rules.some((r) => classIsA(forest, sourceClassCode, r.sourceClassCode) && classIsA(forest, targetClassCode, r.targetClassCode))
}

/**
 * The classes a CI of `ownClassCode` may be related to with `type`, when it is the source
 * (`OUT`) or the target (`IN`). Null: any class (no rules).
 */
export function allowedOtherClasses(
  forest: CiClassNode[],
  type: Pick<RelationType, 'rules'>,
  ownClassCode: string,
  direction: 'OUT' | 'IN',
): string[] | null {
  const rules = type.rules ?? []
  if (!rules.length) return null
  const codes = new Set<string>()
  for (const rule of rules) {
    const own = direction === 'OUT' ? rule.sourceClassCode : rule.targetClassCode
    const other = direction === 'OUT' ? rule.targetClassCode : rule.sourceClassCode
    if (classIsA(forest, ownClassCode, own)) codes.add(other)
  }
  return [...codes]
}

// ---------------------------------------------------------------- import

/**
 * Checks a file before uploading it for import: an `.xlsx` or `.csv` of at most `maxBytes`. Answers
 * the locale key of the problem under `cmdb.import` (`unsupportedFile`, `tooLarge`, `emptyFile`) or null.
 */
export function checkImportFile(file: { name: string; size: number }, maxBytes: number): 'unsupportedFile' | 'tooLarge' | 'emptyFile' | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'unsupportedFile'
  if (file.size > maxBytes) return 'tooLarge'
  if (file.size === 0) return 'emptyFile'
  return null
}

// ---------------------------------------------------------------- documents of a CI

/** A document row of the CI form (both inputs as typed). */
export interface DocumentInput {
  title: string
  reference: string
}

/** Whether a row has a reference but no title: the title is required, the reference optional. */
export function documentsIncomplete(rows: DocumentInput[]): boolean {
  return rows.some((d) => !d.title.trim() && !!d.reference.trim())
}

/** The documents to send: rows with a title, trimmed, an empty reference as null (empty rows are left out). */
export function documentsPayload(rows: DocumentInput[]): CiDocument[] {
  return rows.filter((d) => d.title.trim()).map((d) => ({ title: d.title.trim(), reference: d.reference.trim() || null }))
}

// ---------------------------------------------------------------- business systems

/** The other end of a relation, as a business system's dependency lists show it. */
export interface DependencyLink {
  relationId: number
  id: number
  code: string | null
  name: string | null
  /** False for a system outside the caller's scope (no names then). */
  visible: boolean
  /** The relation's label, for relations other than depends-on and supports. */
  label: string
}

export interface Dependencies {
  dependsOn: DependencyLink[]
  dependedOnBy: DependencyLink[]
  supports: DependencyLink[]
  supportedBy: DependencyLink[]
  other: DependencyLink[]
}

/**
 * Sorts a business system's relations to other systems into "depends on", "depended on by",
 * "supports", "supported by" (and anything else), seen from system `id`.
 */
export function groupDependencies(id: number, relations: Relation[]): Dependencies {
  const groups: Dependencies = { dependsOn: [], dependedOnBy: [], supports: [], supportedBy: [], other: [] }
  for (const r of relations) {
    const out = r.direction ? r.direction === 'OUT' : r.sourceId === id
    const link: DependencyLink = {
      relationId: r.id,
      id: out ? r.targetId : r.sourceId,
      code: out ? r.targetCode : r.sourceCode,
      name: out ? r.targetName : r.sourceName,
      visible: r.visible !== false,
      label: r.typeLabel,
    }
    if (r.type === 'DEPENDS_ON') (out ? groups.dependsOn : groups.dependedOnBy).push(link)
    else if (r.type === 'SUPPORTS') (out ? groups.supports : groups.supportedBy).push(link)
    else groups.other.push(link)
  }
  return groups
}
