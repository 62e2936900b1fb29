import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureHttp } from './http'
import { notificationApi, notifyAdminApi } from './notify'

function respond(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

describe('notifications client', () => {
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

  it('lists the unread notifications of a page', async () => {
    fetchMock.mockResolvedValue(respond(200, { items: [], total: 0, page: 0, size: 10 }))
    await notificationApi.list({ page: 0, size: 10, unread: true })
    expect(lastUrl()).toBe('/api/v1/notifications?page=0&size=10&unread=true')
  })

  it('leaves the secret out when it is not changed', async () => {
    fetchMock.mockResolvedValue(respond(200, { id: 3, secretSet: true }))
    await notifyAdminApi.updateEndpoint(3, 2, { name: '钉钉群', kind: 'DINGTALK', url: 'https://oapi.dingtalk.com/robot/send?access_token=x' })
    expect(lastUrl()).toBe('/api/v1/notification-endpoints/3')
    expect(lastInit().method).toBe('PUT')
    const body = JSON.parse(String(lastInit().body))
    expect(body).toEqual({ name: '钉钉群', kind: 'DINGTALK', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', version: 2 })
    expect('secret' in body).toBe(false)
  })

  it('reads a template by type and locale and retries a delivery', async () => {
    fetchMock.mockImplementation(async () => respond(200, {}))
    await notifyAdminApi.template('notify.test', 'en')
    expect(lastUrl()).toBe('/api/v1/notification-templates/notify.test/en')
    await notifyAdminApi.retry(9)
    expect(lastUrl()).toBe('/api/v1/notification-deliveries/9/retry')
    expect(lastInit().method).toBe('POST')
  })
})
