/**
 * The one way the UI talks to the OpsGuard REST API (`/api/v1`).
 *
 * - sends `Accept-Language` with the current UI language and the session cookie (same origin);
 * - sends `X-XSRF-TOKEN` (from the `XSRF-TOKEN` cookie) on every state-changing request;
 * - turns RFC 9457 problem+json answers into {@link ApiError};
 * - on 401 (except for `auth/session` and `auth/login`) and on 403 `IDN-0004` calls the hooks
 *   installed with {@link configureHttp} (the app sends the user to sign-in / change-password);
 * - shows non-field errors through the `notify` hook (ElMessage in the app).
 */

export const API_BASE = '/api/v1'

/** One entry of a problem's `errors` array: a field the server refused. */
export interface FieldError {
  field: string
  code?: string
  message: string
}

/** The paged-list answer every list endpoint uses. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  size: number
}

/** Paging and sorting parameters of list endpoints (`sort` is `field,asc|desc`). */
export interface PageQuery {
  page?: number
  size?: number
  sort?: string
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | QueryValue[]>

/** Codes the client itself uses when there is no server problem to report. */
export const NETWORK_ERROR = 'NETWORK'
export const UNEXPECTED_RESPONSE = 'UNEXPECTED'

/** An error answer of the API (or a failure to reach it). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly errors: FieldError[]
  /**
   * Every member of the problem as the server sent it, extension members included (e.g. an import
   * answer's `rows` and its `errors` with `row`/`column`); empty when the answer was no problem.
   */
  readonly problem: Record<string, unknown>

  constructor(init: {
    status: number
    code?: string
    title?: string
    detail?: string
    errors?: FieldError[]
    message?: string
    problem?: Record<string, unknown>
  }) {
    const message = init.message || init.detail || init.title || ''
    super(message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code ?? ''
    this.title = init.title ?? ''
    this.detail = init.detail ?? ''
    this.errors = init.errors ?? []
    this.problem = init.problem ?? {}
  }

  /** True when the server named at least one refused field. */
  get hasFieldErrors(): boolean {
    return this.errors.length > 0
  }

  get isNetworkError(): boolean {
    return this.code === NETWORK_ERROR
  }
}

export interface HttpHooks {
  /** Current UI language, sent as `Accept-Language`. */
  language: () => string
  /** Translates a client-side message key (network failure and the like). */
  translate: (key: string, params?: Record<string, unknown>) => string
  /** Shows an error message to the user. */
  notify: (message: string) => void
  /** The session has ended (401): forget it and ask the user to sign in. */
  onUnauthorized: () => void
  /** The server insists on a password change first (403 `IDN-0004`). */
  onPasswordChangeRequired: () => void
  /** Reads a cookie (the XSRF token); defaults to `document.cookie`. */
  readCookie: (name: string) => string | null
}

export function readDocumentCookie(name: string): string | null {
  if (typeof document === 'undefined') return null
  const prefix = `${name}=`
  for (const part of document.cookie.split(';')) {
    const cookie = part.trim()
    if (cookie.startsWith(prefix)) {
      try {
        return decodeURIComponent(cookie.substring(prefix.length))
      } catch {
        return cookie.substring(prefix.length)
      }
    }
  }
  return null
}

const hooks: HttpHooks = {
  language: () => 'zh-CN',
  translate: (key) => key,
  notify: (message) => console.error(message),
  onUnauthorized: () => {},
  onPasswordChangeRequired: () => {},
  readCookie: readDocumentCookie,
}

/** Installs the app's hooks (router, store, messages); tests install their own. */
export function configureHttp(overrides: Partial<HttpHooks>): void {
  Object.assign(hooks, overrides)
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Query
  body?: unknown
  /** Do not show any error message: the caller presents the error itself. */
  silent?: boolean
  /**
   * The caller is a form that shows `errors[]` next to its fields: an error with field errors is
   * not shown as a message (errors without field errors still are, unless `silent`).
   */
  form?: boolean
  /** Error codes the caller presents itself (e.g. `SYS-0008`, offering to reload): not shown as a message. */
  quietCodes?: readonly string[]
  /** Answer the raw `Response` (downloads). */
  raw?: boolean
  signal?: AbortSignal
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Paths whose 401 is an expected answer, not an expired session. */
const AUTH_PROBES = ['auth/session', 'auth/login']
export const XSRF_COOKIE = 'XSRF-TOKEN'
export const XSRF_HEADER = 'X-XSRF-TOKEN'
const PASSWORD_CHANGE_REQUIRED = 'IDN-0004'
const CSRF_REFUSED = 'SYS-0007'

/** `a=1&b=x&b=y`, leaving out null, undefined and empty strings. */
export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value]
    for (const v of values) {
      if (v === null || v === undefined || v === '') continue
      params.append(key, String(v))
    }
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

function normalisePath(path: string): string {
  return path.replace(/^\/+/, '').replace(/^api\/v1\//, '')
}

/** Builds the URL of an API path such as `users/3` (for links and downloads). */
export function apiUrl(path: string, query?: Query): string {
  return `${API_BASE}/${normalisePath(path)}${buildQuery(query)}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/**
 * Turns an error answer into an {@link ApiError}. A problem+json (or any JSON object with the
 * problem members) is read member by member; anything else becomes a generic error whose message
 * is translated, so neither HTML error pages nor stack traces ever reach the user.
 */
export function parseProblem(status: number, body: string, translate: HttpHooks['translate'] = hooks.translate): ApiError {
  let parsed: unknown
  try {
    parsed = body ? JSON.parse(body) : undefined
  } catch {
    parsed = undefined
  }
  if (isObject(parsed) && (parsed.title !== undefined || parsed.code !== undefined || parsed.detail !== undefined)) {
    const errors: FieldError[] = Array.isArray(parsed.errors)
      ? parsed.errors.filter(isObject).map((e) => ({
          field: asString(e.field) ?? '',
          code: asString(e.code),
          message: asString(e.message) ?? asString(e.defaultMessage) ?? '',
        }))
      : []
    const code = asString(parsed.code) ?? ''
    const title = asString(parsed.title) ?? ''
    const detail = asString(parsed.detail) ?? ''
    const fallback = title || detail ? undefined : translate('error.unexpected', { status })
    return new ApiError({
      status: typeof parsed.status === 'number' ? parsed.status : status,
      code,
      title,
      detail,
      errors,
      message: fallback,
      problem: parsed,
    })
  }
  return new ApiError({
    status,
    code: UNEXPECTED_RESPONSE,
    message: translate(status >= 500 ? 'error.server' : 'error.unexpected', { status }),
    // a plain JSON answer (e.g. an import result refused with 400) is still readable by the caller
    problem: isObject(parsed) ? parsed : undefined,
  })
}

/** Message to show for an error that is not tied to form fields. */
export function messageOf(error: ApiError): string {
  if (error.detail) return error.detail
  if (error.title) return error.title
  if (error.errors.length) return error.errors.map((e) => e.message).join('；')
  return error.message
}

async function send(path: string, options: RequestOptions, retried: boolean): Promise<Response> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = {
    Accept: options.raw ? '*/*' : 'application/json, application/problem+json',
    'Accept-Language': hooks.language(),
    'X-Requested-With': 'XMLHttpRequest',
  }
  if (MUTATING.has(method)) {
    const token = hooks.readCookie(XSRF_COOKIE)
    if (token) headers[XSRF_HEADER] = token
  }
  let body: BodyInit | undefined
  if (typeof FormData !== 'undefined' && options.body instanceof FormData) {
    // multipart upload: the browser sets Content-Type with the boundary itself
    body = options.body
  } else if (typeof Blob !== 'undefined' && options.body instanceof Blob) {
    // a document sent as it is (e.g. a YAML template): its own content type
    if (options.body.type) headers['Content-Type'] = options.body.type
    body = options.body
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let response: Response
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    const error = new ApiError({ status: 0, code: NETWORK_ERROR, message: hooks.translate('error.network') })
    if (!options.silent) hooks.notify(error.message)
    throw error
  }
  if (response.ok) return response

  const error = parseProblem(response.status, await response.text().catch(() => ''))
  const normalised = normalisePath(path)

  if (response.status === 401 && !AUTH_PROBES.some((probe) => normalised.startsWith(probe))) {
    hooks.onUnauthorized()
    throw error
  }
  if (response.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED) {
    hooks.onPasswordChangeRequired()
    throw error
  }
  if (response.status === 403 && error.code === CSRF_REFUSED && !retried && MUTATING.has(method)) {
    // The XSRF cookie was missing or rotated (e.g. after sign-in): fetch a fresh one and retry once.
    await fetch(apiUrl('auth/session'), {
      headers: { Accept: 'application/json', 'Accept-Language': hooks.language() },
      credentials: 'same-origin',
    }).catch(() => undefined)
    return send(path, options, true)
  }
  if (!options.silent && !(options.form && error.hasFieldErrors) && !options.quietCodes?.includes(error.code)) {
    hooks.notify(messageOf(error))
  }
  throw error
}

/** Sends a request and answers the parsed JSON body (undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, false)
  if (response.status === 204) return undefined as T
  const text = await response.text()
  if (!text) return undefined as T
  const type = response.headers.get('Content-Type') ?? ''
  if (type.includes('json')) return JSON.parse(text) as T
  return text as unknown as T
}

type BodyOptions = Omit<RequestOptions, 'method' | 'body'>

export const http = {
  get: <T>(path: string, query?: Query, options: Omit<BodyOptions, 'query'> = {}) =>
    request<T>(path, { ...options, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, options: BodyOptions = {}) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options: BodyOptions = {}) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options: BodyOptions = {}) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, options: BodyOptions = {}) => request<T>(path, { ...options, method: 'DELETE' }),
  /** Posts a multipart form (file uploads); `query` carries the other parameters. */
  upload: <T>(path: string, form: FormData, options: BodyOptions = {}) =>
    request<T>(path, { ...options, method: 'POST', body: form }),
}

/** File name from a `Content-Disposition` header (RFC 6266 / RFC 5987 `filename*`). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition)
  if (plain) return (plain[2] ?? plain[1]).trim()
  return fallback
}

/** Downloads a file answer (e.g. an xlsx export) and saves it under the server's file name. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  const response = await send(path, { method: 'GET', query, raw: true }, false)
  const blob = await response.blob()
  const name = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
