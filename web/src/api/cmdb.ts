import { download, http, type Page, type PageQuery, type Query } from './http'

/**
 * The CMDB API (`/api/v1/cmdb`, docs/api/cmdb.md): classes and their attributes, configuration
 * items, relations, impact analysis, import/export, the monthly review and business systems.
 */

// ---------------------------------------------------------------- enums

export type AttributeType = 'TEXT' | 'NUMBER' | 'DATE' | 'ENUM' | 'BOOLEAN' | 'IP' | 'CI' | 'USER' | 'ORGANISATION'
export const ATTRIBUTE_TYPES: AttributeType[] = ['TEXT', 'NUMBER', 'DATE', 'ENUM', 'BOOLEAN', 'IP', 'CI', 'USER', 'ORGANISATION']

export type CiStatus = 'PLANNED' | 'IN_USE' | 'MAINTENANCE' | 'RETIRED'
export const CI_STATUSES: CiStatus[] = ['PLANNED', 'IN_USE', 'MAINTENANCE', 'RETIRED']

export type CiImportance = 'CORE' | 'KEY' | 'GENERAL'
export const CI_IMPORTANCES: CiImportance[] = ['CORE', 'KEY', 'GENERAL']

export type HistoryAction = 'CREATED' | 'UPDATED' | 'RETIRED' | 'VERIFIED' | 'RELATION_ADDED' | 'RELATION_REMOVED' | 'IMPORTED'
export const HISTORY_ACTIONS: HistoryAction[] = ['CREATED', 'UPDATED', 'RETIRED', 'VERIFIED', 'RELATION_ADDED', 'RELATION_REMOVED', 'IMPORTED']

export type StandbyMode = 'HOT' | 'WARM' | 'COLD'
export const STANDBY_MODES: StandbyMode[] = ['HOT', 'WARM', 'COLD']

export type ImpactDirection = 'UP' | 'DOWN'
export const IMPACT_DIRECTIONS: ImpactDirection[] = ['UP', 'DOWN']

export type RelationDirection = 'OUT' | 'IN'
export const RELATION_DIRECTIONS: RelationDirection[] = ['OUT', 'IN']

export type BusinessSystemCategory = 'SUPREME' | 'PROVINCIAL' | 'PURCHASED' | 'OTHER'
export const BUSINESS_SYSTEM_CATEGORIES: BusinessSystemCategory[] = ['SUPREME', 'PROVINCIAL', 'PURCHASED', 'OTHER']

/** Relation type codes of the contract (the server's list, `GET /relation-types`, is authoritative). */
export const RELATION_TYPE_CODES = ['RUNS_ON', 'DEPENDS_ON', 'CONNECTED_TO', 'CONTAINS', 'BACKS_UP', 'STANDBY_OF', 'SUPPORTS'] as const

/** Code of the class of business systems (业务/应用系统). */
export const BUSINESS_SYSTEM_CLASS = 'BUSINESS_SYSTEM'

// ---------------------------------------------------------------- classes and attributes

export interface CiClassNode {
  id: number
  code: string
  parentId: number | null
  /** In the request's language. */
  name: string
  nameZh: string
  nameEn: string
  builtIn: boolean
  /** Hardware: CIs of it (and, in this UI, of its subclasses) have the asset fields. */
  physical: boolean
  /** CIs in use (within the caller's scope) of the class and every class below it. */
  ciCount: number
  /** CIs in use of the class itself. */
  ownCiCount?: number
  children: CiClassNode[]
}

export interface EnumOption {
  value: string
  labelZh: string
  labelEn: string
  /** In the request's language. */
  label?: string
}

export interface Attribute {
  id: number
  classId: number
  code: string
  name: string
  nameZh: string
  nameEn: string
  type: AttributeType
  required: boolean
  unique: boolean
  options: EnumOption[] | null
  pattern: string | null
  min: number | null
  max: number | null
  refClassCode: string | null
  builtIn: boolean
  sortOrder: number | null
  /** Code of the ancestor class defining it; null for the class's own attributes. */
  inheritedFrom: string | null
  version: number
}

export interface CiClassDetail extends Omit<CiClassNode, 'children' | 'ciCount'> {
  children?: CiClassNode[]
  /** In the tree; the detail may leave it out. */
  ciCount?: number
  /** Whether the class itself is marked physical (`physical` may include what it inherits). */
  ownPhysical?: boolean
  /** Own and inherited, in order. */
  attributes: Attribute[]
  version: number
}

export interface CiClassCreateInput {
  code: string
  parentId: number | null
  nameZh: string
  nameEn: string
  physical: boolean
}

export interface CiClassUpdateInput {
  nameZh: string
  nameEn: string
  physical: boolean
  version: number
}

export interface AttributeUpdateInput {
  nameZh: string
  nameEn: string
  required: boolean
  unique: boolean
  options: Omit<EnumOption, 'label'>[] | null
  pattern: string | null
  min: number | null
  max: number | null
  refClassCode: string | null
  sortOrder: number | null
}

export interface AttributeCreateInput extends AttributeUpdateInput {
  code: string
  type: AttributeType
}

// ---------------------------------------------------------------- configuration items

/** An attribute value as the API carries it (ids for CI/USER/ORGANISATION). */
export type AttributeValue = string | number | boolean | null

export interface CiDocument {
  title: string
  /** Optional: file number, URL or location (null when not given). */
  reference: string | null
}

export interface Ci {
  id: number
  classId: number
  classCode: string
  className: string
  code: string
  name: string
  organisationId: number
  organisationName: string | null
  ownerId: number | null
  ownerName: string | null
  status: CiStatus
  importance: CiImportance
  location: string | null
  vendor: string | null
  model: string | null
  serialNumber: string | null
  contract: string | null
  /** Not in list items. */
  documents?: CiDocument[] | null
  tags: string[] | null
  /** Not in list items. */
  notes?: string | null
  attributes: Record<string, AttributeValue> | null
  /** Display texts of attribute values (enum labels, referenced names); `GET /cis/{id}`. */
  attributeLabels?: Record<string, string> | null
  lastVerifiedAt: string | null
  createdAt: string
  updatedAt: string
  retiredAt: string | null
  version: number
}

/** The CI as it was at a moment (`GET /cis/{id}/as-of`). */
export interface CiSnapshot extends Ci {
  asOf: string
}

export interface CiQuery extends PageQuery {
  q?: string
  name?: string
  classId?: number | null
  includeSubclasses?: boolean
  organisationId?: number | null
  status?: CiStatus | null
  importance?: CiImportance | null
  tag?: string
  ownerId?: number | null
  unverifiedDays?: number | null
  includeRetired?: boolean
}

export interface CiUpdateInput {
  code: string
  name: string
  organisationId: number
  ownerId?: number | null
  status?: CiStatus
  importance?: CiImportance
  location?: string | null
  vendor?: string | null
  model?: string | null
  serialNumber?: string | null
  contract?: string | null
  documents?: CiDocument[]
  tags?: string[]
  notes?: string | null
  attributes?: Record<string, AttributeValue>
}

export interface CiCreateInput extends CiUpdateInput {
  classId: number
}

export interface HistoryChange {
  /** `code`, `status` …, `attributes.<code>`. */
  field: string
  /** In the request's language (the UI names the field itself when the server leaves it out). */
  label?: string | null
  before: unknown
  after: unknown
}

export interface HistoryEntry {
  version: number
  changedAt: string
  userId: number | null
  username: string | null
  action: HistoryAction
  changes: HistoryChange[]
}

export interface ImpactPathStep {
  id: number
  /** Null for CIs outside the caller's scope. */
  name: string | null
  classCode: string | null
  /** The relation type leading to this step (null for the first one). */
  relation: string | null
}

export interface ImpactBusinessSystem {
  id: number
  /** Null for a system outside the caller's scope. */
  code: string | null
  /** Null for a system outside the caller's scope. */
  name: string | null
  distance: number
  /** False for a system outside the caller's scope (no code or name then). */
  visible?: boolean
  path: ImpactPathStep[]
}

export interface ImpactNode {
  id: number
  code: string | null
  name: string | null
  classCode: string | null
  className: string | null
  businessSystem: boolean
  depth: number
  /** False for CIs outside the caller's scope (no names then). */
  visible: boolean
  retired?: boolean
}

export interface ImpactEdge {
  source: number
  target: number
  type: string
  label: string
}

export interface Impact {
  /** The CI analysed (its id, or the node itself). */
  root: number | ImpactNode
  businessSystems: ImpactBusinessSystem[]
  nodes: ImpactNode[]
  edges: ImpactEdge[]
  truncated: boolean
}

export interface ImportError {
  row: number | null
  /** The field's key (`status`, `attributes.ip` …). */
  field?: string | null
  /** The column's title in the request's language. */
  column: string | null
  message: string
  /** The values allowed in the cell, when the fault is about a choice (labels in the request's language). */
  allowedValues?: string[]
}

export interface ImportResult {
  valid: boolean
  /** Whether the rows were written (false for dry runs and refused files). */
  written?: boolean
  rows: number
  created: number
  updated: number
  errors: ImportError[]
}

export interface VerificationSummaryRow {
  organisationId: number | null
  organisationName: string | null
  ownerId: number | null
  ownerName: string | null
  total: number
  unverified: number
}

// ---------------------------------------------------------------- relations

export interface RelationRule {
  sourceClassCode: string
  targetClassCode: string
}

export interface RelationType {
  code: string
  label: string
  inverseLabel: string
  acyclic: boolean
  standbyModes: StandbyMode[] | null
  rules: RelationRule[] | null
}

export interface Relation {
  id: number
  type: string
  typeLabel: string
  sourceId: number
  sourceCode: string | null
  sourceName: string | null
  sourceClassCode: string | null
  targetId: number
  targetCode: string | null
  targetName: string | null
  targetClassCode: string | null
  standbyMode: StandbyMode | null
  notes: string | null
  createdAt: string
  createdBy: string | number | null
  /** From the CI's point of view (`GET /relations?ciId=`). */
  direction?: RelationDirection
  /** False when the other CI is outside the caller's scope (no names then). */
  visible?: boolean
}

export interface RelationInput {
  type: string
  sourceId: number
  targetId: number
  standbyMode?: StandbyMode | null
  notes?: string | null
}

// ---------------------------------------------------------------- business systems

export interface BusinessSystem {
  id: number
  code: string
  name: string
  organisationId: number | null
  organisationName: string | null
  status: CiStatus
  importance: CiImportance
  category: BusinessSystemCategory | null
  categoryLabel: string | null
  businessParty: string | null
  technicalUndertaker: string | null
  technicalAuthority: string | null
  omParty: string | null
  goLiveDate: string | null
  applicationSupport: boolean | null
  /** Null until grading exists. */
  guaranteeLevel: string | number | null
  componentCount: number
  dependsOn?: unknown
  dependedOnBy?: unknown
}

export interface BusinessSystemComponent {
  id: number
  code: string
  name: string
  classCode: string
  className: string
  /** The API gives no status of components, only whether they are retired. */
  retired: boolean
}

export interface BusinessSystemDetail extends BusinessSystem {
  components: BusinessSystemComponent[]
  dependencies: Relation[]
}

export interface BusinessSystemQuery extends PageQuery {
  q?: string
  organisationId?: number | null
  category?: BusinessSystemCategory | null
  applicationSupport?: boolean | null
  status?: CiStatus | null
}

// ---------------------------------------------------------------- the client

const BASE = 'cmdb'

/** Import limit of the server (and checked before uploading). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024

/** Files the CI import reads: the xlsx template, or a CSV with its columns (UTF-8 or GBK). */
export const IMPORT_FILE_TYPES = ['.xlsx', '.csv']

/** Filters of `GET /cis` that the exports take too (no paging). */
function exportFilter(query: CiQuery): Query {
  const { page: _page, size: _size, ...filter } = query
  return { ...filter }
}

export const cmdbApi = {
  // classes
  classes: () => http.get<CiClassNode[]>(`${BASE}/classes`),
  getClass: (id: number) => http.get<CiClassDetail>(`${BASE}/classes/${id}`),
  createClass: (input: CiClassCreateInput) => http.post<CiClassDetail>(`${BASE}/classes`, input, { form: true, silent: true }),
  /** Silent: the dialog shows field errors and a stale version (409 `SYS-0008`) with a reload button. */
  updateClass: (id: number, input: CiClassUpdateInput) =>
    http.put<CiClassDetail>(`${BASE}/classes/${id}`, input, { form: true, silent: true }),
  /** Silent: the page explains a refusal (409 CMDB-0003/CMDB-0004) in a dialog. */
  removeClass: (id: number) => http.delete(`${BASE}/classes/${id}`, { silent: true }),
  createAttribute: (classId: number, input: AttributeCreateInput) =>
    http.post<Attribute>(`${BASE}/classes/${classId}/attributes`, input, { form: true, silent: true }),
  /** Silent: the dialog shows field errors and a stale version (409 `SYS-0008`) with a reload button. */
  updateAttribute: (classId: number, attributeId: number, input: AttributeUpdateInput & { version: number }) =>
    http.put<Attribute>(`${BASE}/classes/${classId}/attributes/${attributeId}`, input, { form: true, silent: true }),
  /** Silent: the page explains a refusal (409 CMDB-0003) in a dialog. */
  removeAttribute: (classId: number, attributeId: number) =>
    http.delete(`${BASE}/classes/${classId}/attributes/${attributeId}`, { silent: true }),

  // configuration items
  list: (query: CiQuery) => http.get<Page<Ci>>(`${BASE}/cis`, { ...query }),
  /** For remote-search selects: errors are not worth a message while typing. */
  search: (query: CiQuery) => http.get<Page<Ci>>(`${BASE}/cis`, { ...query }, { silent: true }),
  get: (id: number) => http.get<Ci>(`${BASE}/cis/${id}`),
  /** Silent, like the writes below: the form presents every failure itself. */
  create: (input: CiCreateInput) => http.post<Ci>(`${BASE}/cis`, input, { form: true, silent: true }),
  /** Silent: the form shows field errors at their items and a stale version (409 `SYS-0008`) with a reload button. */
  update: (id: number, input: CiUpdateInput & { version: number }) => http.put<Ci>(`${BASE}/cis/${id}`, input, { form: true, silent: true }),
  retire: (id: number) => http.post<Ci>(`${BASE}/cis/${id}/retire`),
  verify: (ids: number[]) => http.post<{ verified: number }>(`${BASE}/cis/verify`, { ids }),
  history: (id: number) => http.get<HistoryEntry[]>(`${BASE}/cis/${id}/history`),
  /** Silent: the page explains 404 CMDB-0020 (the CI did not exist yet). */
  asOf: (id: number, at: string) =>
    http.get<Record<string, unknown>>(`${BASE}/cis/${id}/as-of`, { at }, { silent: true }).then(normaliseSnapshot),
  impact: (id: number, direction: ImpactDirection) => http.get<Impact>(`${BASE}/cis/${id}/impact`, { direction }),

  // import and export
  exportCsv: (query: CiQuery, fallbackName: string) => download(`${BASE}/cis/export.csv`, exportFilter(query), fallbackName),
  exportXlsx: (classId: number, query: CiQuery, fallbackName: string) =>
    download(`${BASE}/classes/${classId}/export.xlsx`, exportFilter(query), fallbackName),
  template: (classId: number, fallbackName: string) => download(`${BASE}/classes/${classId}/template.xlsx`, undefined, fallbackName),
  /**
   * Uploads an xlsx or CSV. Silent: the wizard shows the outcome, including every fault of every
   * row of a refused file (400 `CMDB-0030`, see {@link importResultOf}).
   */
  import: (classId: number, file: File, dryRun: boolean) => {
    const form = new FormData()
    form.append('file', file, file.name)
    form.append('dryRun', String(dryRun)) // a multipart field, which servlet containers expose as a parameter
    return http.upload<ImportResult>(`${BASE}/classes/${classId}/import`, form, { silent: true })
  },

  // monthly review
  verificationSummary: (days: number) => http.get<VerificationSummaryRow[]>(`${BASE}/verification/summary`, { days }),

  // relations
  relationTypes: () => http.get<RelationType[]>(`${BASE}/relation-types`),
  relations: (ciId: number, type?: string) => http.get<Relation[]>(`${BASE}/relations`, { ciId, type }),
  /** Silent: the dialog shows refusals (CMDB-0040 … 0045) itself. */
  createRelation: (input: RelationInput) => http.post<Relation>(`${BASE}/relations`, input, { silent: true }),
  removeRelation: (id: number) => http.delete(`${BASE}/relations/${id}`),

  // business systems
  businessSystems: (query: BusinessSystemQuery) => http.get<Page<BusinessSystem>>(`${BASE}/business-systems`, { ...query }),
  businessSystem: (id: number) =>
    http.get<Record<string, unknown>>(`${BASE}/business-systems/${id}`).then(normaliseBusinessSystem),
}

/**
 * The state of a CI on a day: the contract gives the CI's members with `asOf` and `version`; an
 * answer that nests the CI (`{ci, version, changedAt, asOf}`) is read the same way.
 */
export function normaliseSnapshot(raw: Record<string, unknown>): CiSnapshot {
  const nested = raw.ci
  if (typeof nested === 'object' && nested !== null) {
    const ci = nested as Ci
    return {
      ...ci,
      asOf: typeof raw.asOf === 'string' ? raw.asOf : (raw.changedAt as string),
      version: typeof raw.version === 'number' ? raw.version : ci.version,
    }
  }
  return raw as unknown as CiSnapshot
}

/**
 * A business system with its components and dependencies: the contract gives the system's
 * members at the top; an answer that nests them (`{system, components, dependencies}`) is read
 * the same way.
 */
export function normaliseBusinessSystem(raw: Record<string, unknown>): BusinessSystemDetail {
  const nested = raw.system
  const base = (typeof nested === 'object' && nested !== null ? { ...(nested as object), ...raw } : raw) as Record<string, unknown>
  delete base.system
  return {
    ...(base as unknown as BusinessSystemDetail),
    components: Array.isArray(raw.components) ? (raw.components as BusinessSystemComponent[]) : [],
    dependencies: Array.isArray(raw.dependencies) ? (raw.dependencies as Relation[]) : [],
  }
}

/**
 * The result of an import from its answer: the body of a 200, or the members of a refused file's
 * problem (400 `CMDB-0030` carries `valid`, `rows`, `created`, `updated` and `errors` with `row`,
 * `column`, `message`). Null when the problem is no import result (e.g. `CMDB-0031`, 413).
 */
export function importResultOf(body: Record<string, unknown> | null | undefined): ImportResult | null {
  if (!body) return null
  const errors = Array.isArray(body.errors)
    ? body.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .map((e) => ({
          row: typeof e.row === 'number' ? e.row : e.row != null ? Number(e.row) || null : null,
          field: typeof e.field === 'string' ? e.field : null,
          column: typeof e.column === 'string' ? e.column : typeof e.field === 'string' && e.field ? e.field : null,
          message: typeof e.message === 'string' ? e.message : '',
          allowedValues: Array.isArray(e.allowedValues) ? e.allowedValues.filter((v): v is string => typeof v === 'string') : [],
        }))
    : []
  const hasResult = typeof body.valid === 'boolean' || typeof body.rows === 'number' || errors.some((e) => e.row !== null)
  if (!hasResult) return null
  return {
    valid: typeof body.valid === 'boolean' ? body.valid : errors.length === 0,
    rows: typeof body.rows === 'number' ? body.rows : 0,
    created: typeof body.created === 'number' ? body.created : 0,
    updated: typeof body.updated === 'number' ? body.updated : 0,
    errors,
  }
}
