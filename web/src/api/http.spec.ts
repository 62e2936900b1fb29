import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildQuery, configureHttp, fileNameFrom, http, messageOf, parseProblem, readDocumentCookie } from './http'

function respond(status: number, body: unknown, contentType = 'application/json'): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } })
}

/** The error a request failed with (the test fails when it succeeded). */
function failure(promise: Promise<unknown>): Promise<ApiError> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (e: unknown) => e as ApiError,
  )
}

const problem = {
  type: 'https://opsguard.io/problems/IDN-0007',
  title: '用户名已存在',
  status: 409,
  detail: '用户名“zhangsan”已被使用',
  instance: '/api/v1/users',
  code: 'IDN-0007',
  errors: [{ field: 'username', code: 'IDN-0007', message: '用户名“zhangsan”已被使用' }],
}

describe('parseProblem', () => {
  it('reads every member of a problem+json answer', () => {
    const error = parseProblem(409, JSON.stringify(problem))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(409)
    expect(error.code).toBe('IDN-0007')
    expect(error.title).toBe('用户名已存在')
    expect(error.detail).toBe('用户名“zhangsan”已被使用')
    expect(error.errors).toEqual([{ field: 'username', code: 'IDN-0007', message: '用户名“zhangsan”已被使用' }])
    expect(error.hasFieldErrors).toBe(true)
    expect(messageOf(error)).toBe('用户名“zhangsan”已被使用')
  })

  it('falls back to the title when there is no detail', () => {
    const error = parseProblem(401, JSON.stringify({ title: '用户名或密码错误', status: 401, code: 'IDN-0001' }))
    expect(messageOf(error)).toBe('用户名或密码错误')
    expect(error.errors).toEqual([])
  })

  it('never shows an HTML error page or a stack trace, but a translated message', () => {
    const translate = (key: string, params?: Record<string, unknown>) => `${key}:${params?.status}`
    const error = parseProblem(502, '<html><body>Bad Gateway at org.foo.Bar(Bar.java:12)</body></html>', translate)
    expect(error.code).toBe('UNEXPECTED')
    expect(messageOf(error)).toBe('error.server:502')
  })
})

describe('http client', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const hooks = {
    notify: vi.fn(),
    onUnauthorized: vi.fn(),
    onPasswordChangeRequired: vi.fn(),
  }

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock)
    fetchMock.mockReset()
    Object.values(hooks).forEach((h) => h.mockReset())
    configureHttp({
      ...hooks,
      language: () => 'en',
      translate: (key) => `t(${key})`,
      readCookie: (name) => (name === 'XSRF-TOKEN' ? 'token-123' : null),
    })
  })

  afterEach(() => vi.unstubAllGlobals())

  function lastRequest(): { url: string; init: RequestInit; headers: Record<string, string> } {
    const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1]
    return { url: String(url), init: init ?? {}, headers: (init?.headers ?? {}) as Record<string, string> }
  }

  it('sends the UI language and the session cookie, and no XSRF header on GET', async () => {
    fetchMock.mockResolvedValue(respond(200, { items: [], total: 0, page: 0, size: 20 }))
    const page = await http.get('users', { q: 'zhang', page: 0, status: null, roleId: undefined })
    expect(page).toEqual({ items: [], total: 0, page: 0, size: 20 })
    const { url, init, headers } = lastRequest()
    expect(url).toBe('/api/v1/users?q=zhang&page=0')
    expect(init.credentials).toBe('same-origin')
    expect(headers['Accept-Language']).toBe('en')
    expect(headers['X-XSRF-TOKEN']).toBeUndefined()
  })

  it.each(['post', 'put', 'patch'] as const)('sends the XSRF token and a JSON body on %s', async (method) => {
    fetchMock.mockResolvedValue(respond(200, { id: 1 }))
    await http[method]('organisations/1', { name: 'x' })
    const { init, headers } = lastRequest()
    expect(init.method).toBe(method.toUpperCase())
    expect(headers['X-XSRF-TOKEN']).toBe('token-123')
    expect(headers['Content-Type']).toBe('application/json')
    expect(init.body).toBe('{"name":"x"}')
  })

  it('uploads a multipart form as it is, with the XSRF token and without a JSON content type', async () => {
    fetchMock.mockResolvedValue(respond(200, { valid: true }))
    const form = new FormData()
    form.append('file', new Blob(['x']), 'a.xlsx')
    await http.upload('cmdb/classes/3/import', form, { query: { dryRun: true } })
    const { url, init, headers } = lastRequest()
    expect(url).toBe('/api/v1/cmdb/classes/3/import?dryRun=true')
    expect(init.method).toBe('POST')
    expect(init.body).toBe(form)
    expect(headers['Content-Type']).toBeUndefined()
    expect(headers['X-XSRF-TOKEN']).toBe('token-123')
  })

  it('keeps the extension members of a problem', async () => {
    const answer = { title: '导入数据有误', status: 400, code: 'CMDB-0030', valid: false, rows: 3, errors: [{ row: 2, column: 'IP', message: 'bad' }] }
    fetchMock.mockResolvedValue(respond(400, answer, 'application/problem+json'))
    const error = await failure(http.upload('cmdb/classes/3/import', new FormData(), { silent: true }))
    expect(error.problem.rows).toBe(3)
    expect(error.problem.errors).toEqual([{ row: 2, column: 'IP', message: 'bad' }])
  })

  it('keeps the members of a plain JSON error answer that is no problem', async () => {
    fetchMock.mockResolvedValue(respond(400, { valid: false, rows: 1, errors: [{ row: 2, column: 'IP', message: 'bad' }] }))
    const error = await failure(http.upload('cmdb/classes/3/import', new FormData(), { silent: true }))
    expect(error.code).toBe('UNEXPECTED')
    expect(error.problem.valid).toBe(false)
  })

  it('sends the XSRF token on DELETE and answers undefined for 204', async () => {
    fetchMock.mockResolvedValue(respond(204, ''))
    await expect(http.delete('roles/3')).resolves.toBeUndefined()
    expect(lastRequest().headers['X-XSRF-TOKEN']).toBe('token-123')
  })

  it('rejects with the parsed problem and shows its message', async () => {
    fetchMock.mockResolvedValue(respond(409, { title: '无法删除', detail: '该机构下还有 2 个用户', code: 'IDN-0009', status: 409 }, 'application/problem+json'))
    const error = await failure(http.post('organisations/1/disable'))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('IDN-0009')
    expect(hooks.notify).toHaveBeenCalledWith('该机构下还有 2 个用户')
  })

  it('leaves field errors to a form, but still shows other errors of a form', async () => {
    fetchMock.mockResolvedValueOnce(respond(400, problem, 'application/problem+json'))
    await expect(http.post('users', {}, { form: true })).rejects.toBeInstanceOf(ApiError)
    expect(hooks.notify).not.toHaveBeenCalled()

    fetchMock.mockResolvedValueOnce(respond(409, { title: '已被他人修改', code: 'SYS-0008', status: 409 }, 'application/problem+json'))
    await expect(http.put('users/1', {}, { form: true })).rejects.toBeInstanceOf(ApiError)
    expect(hooks.notify).toHaveBeenCalledWith('已被他人修改')
  })

  it('ends the session on 401, except for the session probe and sign-in', async () => {
    const unauthorised = () => respond(401, { title: '未登录', code: 'SYS-0005', status: 401 }, 'application/problem+json')
    fetchMock.mockResolvedValueOnce(unauthorised())
    await expect(http.get('users')).rejects.toBeInstanceOf(ApiError)
    expect(hooks.onUnauthorized).toHaveBeenCalledTimes(1)

    fetchMock.mockResolvedValueOnce(unauthorised())
    await expect(http.get('auth/session', undefined, { silent: true })).rejects.toBeInstanceOf(ApiError)
    fetchMock.mockResolvedValueOnce(unauthorised())
    await expect(http.post('auth/login', {}, { silent: true })).rejects.toBeInstanceOf(ApiError)
    expect(hooks.onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('sends the user to change the password on 403 IDN-0004', async () => {
    fetchMock.mockResolvedValue(respond(403, { title: '请先修改密码', code: 'IDN-0004', status: 403 }, 'application/problem+json'))
    await expect(http.get('users')).rejects.toBeInstanceOf(ApiError)
    expect(hooks.onPasswordChangeRequired).toHaveBeenCalledTimes(1)
    expect(hooks.notify).not.toHaveBeenCalled()
  })

  it('fetches a fresh XSRF cookie and retries once when the token was refused', async () => {
    fetchMock
      .mockResolvedValueOnce(respond(403, { title: 'CSRF', code: 'SYS-0007', status: 403 }, 'application/problem+json'))
      .mockResolvedValueOnce(respond(200, { user: {} }))
      .mockResolvedValueOnce(respond(200, { id: 7 }))
    await expect(http.post('roles', { code: 'X' })).resolves.toEqual({ id: 7 })
    expect(fetchMock).toHaveBeenCalledTimes(3)
    expect(String(fetchMock.mock.calls[1][0])).toBe('/api/v1/auth/session')
  })

  it('turns a network failure into a translated message', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const error = await failure(http.get('system/about'))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.isNetworkError).toBe(true)
    expect(error.status).toBe(0)
    expect(hooks.notify).toHaveBeenCalledWith('t(error.network)')
  })

  it('stays quiet when the caller presents errors itself', async () => {
    fetchMock.mockResolvedValue(respond(423, { title: '账号已锁定', detail: '账号已锁定至 10:30', code: 'IDN-0002', status: 423 }, 'application/problem+json'))
    const error = await failure(http.post('auth/login', {}, { silent: true }))
    expect(messageOf(error)).toBe('账号已锁定至 10:30')
    expect(hooks.notify).not.toHaveBeenCalled()
  })
})

describe('helpers', () => {
  it('builds query strings without empty values and with repeated arrays', () => {
    expect(buildQuery({ a: 1, b: '', c: null, d: undefined, e: [1, 2], f: false })).toBe('?a=1&e=1&e=2&f=false')
    expect(buildQuery({})).toBe('')
  })

  it('reads the XSRF cookie from the document', () => {
    document.cookie = 'XSRF-TOKEN=abc%2Fdef; path=/'
    document.cookie = 'other=1; path=/'
    expect(readDocumentCookie('XSRF-TOKEN')).toBe('abc/def')
    expect(readDocumentCookie('missing')).toBeNull()
  })

  it('takes the download name from Content-Disposition', () => {
    expect(fileNameFrom("attachment; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97-20261122.xlsx", 'x.xlsx')).toBe('审计日志-20261122.xlsx')
    expect(fileNameFrom('attachment; filename="audit.xlsx"', 'x.xlsx')).toBe('audit.xlsx')
    expect(fileNameFrom(null, 'x.xlsx')).toBe('x.xlsx')
  })
})
