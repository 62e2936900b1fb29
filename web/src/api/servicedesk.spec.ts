import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp } from './http'
import { accountabilityApi, supportGroupApi, ticketApi, vendorCaseApi } from './servicedesk'

function respond(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

describe('service-desk client', () => {
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

  it('lists a queue with the filters, paging and sort of the contract', async () => {
    fetchMock.mockResolvedValue(respond(200, { items: [], total: 0, page: 0, size: 20 }))
    await ticketApi.list({ queue: 'DUE_SOON', type: 'INCIDENT', state: null, faultLevel: 2, q: 'GZ-20261207-0001', page: 0, size: 20, sort: 'dueAt,asc' })
    expect(lastUrl()).toBe('/api/v1/tickets?queue=DUE_SOON&type=INCIDENT&faultLevel=2&q=GZ-20261207-0001&page=0&size=20&sort=dueAt%2Casc')
  })

  it('sends an action with the version to its verb', async () => {
    fetchMock.mockResolvedValue(respond(200, { id: 4, state: 'SUSPENDED' }))
    await ticketApi.act(4, 'hand-back', { version: 7, comment: '二线已处理' })
    expect(lastUrl()).toBe('/api/v1/tickets/4/actions/hand-back')
    expect(lastInit().method).toBe('POST')
    expect(JSON.parse(String(lastInit().body))).toEqual({ version: 7, comment: '二线已处理' })
  })

  it('leaves a stale version and a refused action to the page, without a message', async () => {
    fetchMock.mockResolvedValue(respond(409, { title: '工单已被他人修改', status: 409, code: 'SD-0009', detail: '内容已更新（当前第 8 版），请刷新后再操作' }))
    const stale = await ticketApi.act(4, 'start', { version: 7 }).catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(ApiError)
    expect((stale as ApiError).code).toBe('SD-0009')
    fetchMock.mockResolvedValue(respond(409, { title: '当前状态不允许此操作', status: 409, code: 'SD-0002', detail: '工单处于“已解决”状态，不能“开始处理”', allowedActions: ['feedback', 'rate', 'reopen'] }))
    const refused = (await ticketApi.act(4, 'start', { version: 8 }).catch((e: unknown) => e)) as ApiError
    expect(refused.problem.allowedActions).toEqual(['feedback', 'rate', 'reopen'])
    expect(notify).not.toHaveBeenCalled()
  })

  it('shows field errors at their fields, not as a message', async () => {
    fetchMock.mockResolvedValue(respond(400, { title: '请填写说明', status: 400, code: 'SD-0013', errors: [{ field: 'comment', code: 'SD-0013', message: '此操作需要填写说明' }] }))
    await expect(ticketApi.act(4, 'pause', { version: 2 })).rejects.toBeInstanceOf(ApiError)
    expect(notify).not.toHaveBeenCalled()
  })

  it('writes comments and support groups', async () => {
    fetchMock.mockImplementation(async () => respond(201, { id: 1 }))
    await ticketApi.comment(4, '已联系厂商', true)
    expect(lastUrl()).toBe('/api/v1/tickets/4/comments')
    expect(JSON.parse(String(lastInit().body))).toEqual({ body: '已联系厂商', visibleToRequester: true })
    await supportGroupApi.update(3, { name: '二线', line: 2, organisationId: 1, leadId: 5, memberIds: [5, 6], enabled: true, version: 2 })
    expect(lastUrl()).toBe('/api/v1/support-groups/3')
    expect(lastInit().method).toBe('PUT')
  })

  it('tracks vendor cases with the filters of the contract and steps them with the version', async () => {
    fetchMock.mockResolvedValue(respond(200, { items: [], total: 0, page: 0, size: 20 }))
    await vendorCaseApi.list({ state: null, kind: 'DEFECT', open: false, q: 'BUG-1', page: 1, size: 20, sort: 'updatedAt,desc' })
    expect(lastUrl()).toBe('/api/v1/vendor-cases?kind=DEFECT&open=false&q=BUG-1&page=1&size=20&sort=updatedAt%2Cdesc')
    fetchMock.mockResolvedValue(respond(200, { id: 9, state: 'HANDED_OVER' }))
    await vendorCaseApi.act(9, 'hand-over', { version: 1, vendorName: '某某软件', vendorRef: 'BUG-1' })
    expect(lastUrl()).toBe('/api/v1/vendor-cases/9/actions/hand-over')
    expect(JSON.parse(String(lastInit().body))).toEqual({ version: 1, vendorName: '某某软件', vendorRef: 'BUG-1' })
    fetchMock.mockResolvedValue(respond(409, { title: '当前状态不允许此操作', status: 409, code: 'SD-0043', detail: '厂商跟踪单处于“已验证关闭”状态，不能“撤销”', allowedActions: [] }))
    await expect(vendorCaseApi.act(9, 'withdraw', { version: 5, comment: 'x' })).rejects.toBeInstanceOf(ApiError)
    expect(notify).not.toHaveBeenCalled()
  })

  it('reads no accountability as null and leaves a refused close to the page', async () => {
    fetchMock.mockResolvedValue(respond(204, null))
    expect(await accountabilityApi.get(4)).toBeNull()
    expect(lastUrl()).toBe('/api/v1/tickets/4/accountability')
    fetchMock.mockResolvedValue(respond(200, { ticketId: 4, established: false, staff: [], finding: '无责', version: 0 }))
    expect((await accountabilityApi.get(4))?.finding).toBe('无责')
    fetchMock.mockResolvedValue(respond(409, { title: '请先记录责任认定', status: 409, code: 'SD-0051', detail: '投诉工单关闭前须记录对相关人员的责任认定' }))
    const refused = (await ticketApi.act(4, 'close', { version: 3 }).catch((e: unknown) => e)) as ApiError
    expect(refused.code).toBe('SD-0051')
    expect(notify).not.toHaveBeenCalled()
  })
})
