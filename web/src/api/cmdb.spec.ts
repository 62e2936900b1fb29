import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cmdbApi, importResultOf, normaliseBusinessSystem, normaliseSnapshot } from './cmdb'
import { ApiError, configureHttp } from './http'

function respond(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

describe('CMDB client', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const notify = vi.fn()

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock)
    fetchMock.mockReset()
    notify.mockReset()
    configureHttp({ notify, language: () => 'zh-CN', translate: (k) => k, readCookie: () => 'token' })
  })
  afterEach(() => vi.unstubAllGlobals())

  const lastUrl = () => String(fetchMock.mock.calls[fetchMock.mock.calls.length - 1][0])
  const lastInit = () => fetchMock.mock.calls[fetchMock.mock.calls.length - 1][1] ?? {}

  it('lists CIs with the filters of the contract', async () => {
    fetchMock.mockResolvedValue(respond(200, { items: [], total: 0, page: 0, size: 20 }))
    await cmdbApi.list({ q: '10.0', classId: 3, includeSubclasses: true, status: null, unverifiedDays: 30, page: 1, size: 20, sort: 'name,asc' })
    expect(lastUrl()).toBe('/api/v1/cmdb/cis?q=10.0&classId=3&includeSubclasses=true&unverifiedDays=30&page=1&size=20&sort=name%2Casc')
  })

  it('verifies a list of CIs and asks for the state on a day', async () => {
    fetchMock.mockResolvedValue(respond(200, { verified: 2 }))
    await expect(cmdbApi.verify([4, 5])).resolves.toEqual({ verified: 2 })
    expect(lastUrl()).toBe('/api/v1/cmdb/cis/verify')
    expect(lastInit().body).toBe('{"ids":[4,5]}')
    fetchMock.mockResolvedValue(respond(200, { id: 4 }))
    await cmdbApi.asOf(4, '2026-11-01')
    expect(lastUrl()).toBe('/api/v1/cmdb/cis/4/as-of?at=2026-11-01')
  })

  it('uploads an import as multipart with the dry-run flag, quietly', async () => {
    fetchMock.mockResolvedValue(
      respond(
        400,
        {
          title: '导入数据有误',
          status: 400,
          code: 'CMDB-0030',
          valid: false,
          rows: 2,
          created: 0,
          updated: 0,
          errors: [
            { row: 3, field: 'attributes.ip', column: 'IP 地址', message: '不是有效的 IP 地址' },
            { row: 3, field: 'status', column: '状态', message: '“状态”的值“报废”不是可选值', allowedValues: ['规划中', '在用', '维护中'] },
          ],
        },
        'application/problem+json',
      ),
    )
    const file = new File(['x'], '主机.xlsx')
    const error = await cmdbApi.import(7, file, true).catch((e: unknown) => e as ApiError)
    expect(lastUrl()).toBe('/api/v1/cmdb/classes/7/import')
    const body = lastInit().body as FormData
    expect(body.get('dryRun')).toBe('true')
    expect((body.get('file') as File).name).toBe('主机.xlsx')
    expect(notify).not.toHaveBeenCalled()
    expect(importResultOf((error as ApiError).problem)).toEqual({
      valid: false,
      rows: 2,
      created: 0,
      updated: 0,
      errors: [
        { row: 3, field: 'attributes.ip', column: 'IP 地址', message: '不是有效的 IP 地址', allowedValues: [] },
        { row: 3, field: 'status', column: '状态', message: '“状态”的值“报废”不是可选值', allowedValues: ['规划中', '在用', '维护中'] },
      ],
    })
  })

  it('asks for the impact in a direction and the relations of a CI', async () => {
    fetchMock.mockImplementation(async () => respond(200, []))
    await cmdbApi.impact(9, 'DOWN')
    expect(lastUrl()).toBe('/api/v1/cmdb/cis/9/impact?direction=DOWN')
    await cmdbApi.relations(9)
    expect(lastUrl()).toBe('/api/v1/cmdb/relations?ciId=9')
  })
})

describe('import results', () => {
  it('are read from a 200 answer or a refused file, but not from other problems', () => {
    expect(importResultOf({ valid: true, rows: 5, created: 3, updated: 2, errors: [] })).toEqual({ valid: true, rows: 5, created: 3, updated: 2, errors: [] })
    expect(importResultOf({ title: '文件格式不正确', code: 'CMDB-0031' })).toBeNull()
    expect(importResultOf(null)).toBeNull()
    expect(importResultOf({ errors: [{ row: '4', field: 'code', message: '必填' }] })).toEqual({
      valid: false,
      rows: 0,
      created: 0,
      updated: 0,
      errors: [{ row: 4, field: 'code', column: 'code', message: '必填', allowedValues: [] }],
    })
  })
})

describe('answers of other shapes', () => {
  it('read a nested state on a day like the flat one', () => {
    const ci = { id: 4, code: 'SRV-1', name: '服务器', version: 7 }
    expect(normaliseSnapshot({ ci, version: 3, changedAt: '2026-06-01T00:00:00Z', asOf: '2026-06-30T15:59:59Z' })).toMatchObject({
      id: 4,
      code: 'SRV-1',
      version: 3,
      asOf: '2026-06-30T15:59:59Z',
    })
    const flat = { ...ci, asOf: '2026-06-30T15:59:59Z' }
    expect(normaliseSnapshot(flat)).toBe(flat)
  })

  it('read a nested business system like the flat one', () => {
    const nested = normaliseBusinessSystem({
      system: { id: 1, code: 'OA', name: '协同办公系统', guaranteeLevel: null },
      components: [{ id: 2, code: 'SRV', name: '服务器', classCode: 'HOST', className: '主机', retired: false }],
      dependencies: [],
    })
    expect(nested).toMatchObject({ id: 1, code: 'OA', name: '协同办公系统' })
    expect(nested.components).toHaveLength(1)
    expect('system' in nested).toBe(false)
    const flat = normaliseBusinessSystem({ id: 1, code: 'OA', name: '协同办公系统' })
    expect(flat).toMatchObject({ id: 1, components: [], dependencies: [] })
  })
})
