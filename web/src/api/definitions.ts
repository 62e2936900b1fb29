import { http, type Page, type PageQuery } from './http'

/**
 * Versioned definitions (docs/adr/0009): calendars and SLA policies today, duty patterns,
 * inspection and report templates and alert rules next. Every kind answers the same endpoints under
 * its path — a paged list, options for pickers, a definition, its versions, one version, create
 * (blank or a copy: `basedOn`), update with the `version` it was read at, delete — and shows the
 * same header; {@link definitionApi} makes the client of one kind.
 */

/** What every definition shows in a list and atop its page. */
export interface DefinitionHeader {
  code: string
  nameZh: string
  nameEn: string
  /** In the request's language. */
  name: string
  /** Null: platform-wide (every preset is). */
  organisationId: number | null
  organisationName: string | null
  builtIn: boolean
  /** The code it was copied from, and that definition's name (null once deleted). */
  basedOn: string | null
  basedOnName: string | null
  /** The number of the current version (what running timers and tickets may keep). */
  currentVersion: number
  /** The optimistic lock: send it back with an update; another one answers 409. */
  version: number
  createdAt: string
  updatedAt: string
}

/** A definition in a picker. */
export interface DefinitionOption {
  code: string
  name: string
  nameZh: string
  nameEn: string
  builtIn: boolean
  organisationId: number | null
}

/** A version in the version list. */
export interface VersionView {
  version: number
  /** In the reader's language (system notes) or as typed. */
  note: string | null
  createdAt: string
  createdBy: number | null
  /** Null for versions the system wrote. */
  createdByName: string | null
  current: boolean
}

/** What a detail answer adds about the version it shows. */
export interface DefinitionVersionFields {
  versionShown: number
  versionNote: string | null
  versionCreatedAt: string
  versionCreatedBy: number | null
  versionCreatedByName: string | null
}

export interface NewDefinitionInput<D> {
  code: string
  nameZh: string
  nameEn: string
  organisationId: number | null
  /** Copy the current content of this definition (unless `definition` is given). */
  basedOn: string | null
  definition?: D
  note?: string | null
}

export interface DefinitionUpdateInput<D> {
  nameZh: string
  nameEn: string
  /** Null or absent: unchanged. A changed content makes the next version. */
  definition?: D | null
  /** The header's `version` as read (required). */
  version: number
  note?: string | null
}

export interface DefinitionListQuery extends PageQuery {
  /** In code or names. */
  q?: string | null
  builtIn?: boolean | null
}

/** Codes of every definition's path that are pages, never definitions. */
export const RESERVED_CODES = ['new', 'options']

/** What a definition's code may be (the server checks the same). */
export const DEFINITION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/

const enc = encodeURIComponent

/**
 * The client of one kind of definition under `/api/v1/<path>`. `Q` adds the kind's list filters,
 * `S` is its list row, `T` its detail, `O` its picker option.
 */
export function definitionApi<D, S, T, O extends DefinitionOption, Q extends DefinitionListQuery = DefinitionListQuery>(path: string) {
  return {
    list: (query: Q = {} as Q) => http.get<Page<S>>(path, { ...(query as DefinitionListQuery) }),
    options: () => http.get<O[]>(`${path}/options`),
    /** Silent: the detail page explains a missing definition itself. */
    get: (code: string) => http.get<T>(`${path}/${enc(code)}`, undefined, { silent: true }),
    versions: (code: string, query: PageQuery = {}) => http.get<Page<VersionView>>(`${path}/${enc(code)}/versions`, { ...query }),
    version: (code: string, version: number) => http.get<T>(`${path}/${enc(code)}/versions/${version}`),
    create: (input: NewDefinitionInput<D>) => http.post<T>(path, input, { form: true }),
    /** Silent: the editor shows field errors at their rows and a stale version (409) with a reload button. */
    update: (code: string, input: DefinitionUpdateInput<D>) => http.put<T>(`${path}/${enc(code)}`, input, { silent: true }),
    /** Silent: the caller explains a refusal (409: in use, built in) in a dialog. */
    remove: (code: string) => http.delete(`${path}/${enc(code)}`, { silent: true }),
  }
}

/** The client every shared definition component needs, whatever the kind. */
export type DefinitionClient = Pick<ReturnType<typeof definitionApi<unknown, unknown, unknown, DefinitionOption>>, 'versions' | 'remove'>
