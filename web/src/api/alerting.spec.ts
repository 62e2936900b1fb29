import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp } from './http'
import { ackLinkApi, alertApi, maintenanceApi, routeApi, ruleApi, silenceApi, statisticsApi } from './alerting'

function respond(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

describe('alerting client', () => {
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
  const lastBody = () => JSON.parse(String(lastInit().body))

  it('lists alerts with repeated severities, the open switch and the time range', async () => {
    fetchMock.mockImplementation(async () => respond(200, { items: [], total: 0, page: 0, size: 20 }))
    await alertApi.list({ open: true, severity: ['CRITICAL', 'MAJOR'], q: 'cpu', from: '2026-05-01T00:00:00Z', page: 0, size: 20, sort: 'startedAt,desc' })
    expect(lastUrl()).toBe('/api/v1/alerts?open=true&severity=CRITICAL&severity=MAJOR&q=cpu&from=2026-05-01T00%3A00%3A00Z&page=0&size=20&sort=startedAt%2Cdesc')
    // the sound asks for firing alerts that are not quiet; `false` is sent, not left out
    await alertApi.listQuietly({ state: 'FIRING', quiet: false, size: 200 })
    expect(lastUrl()).toBe('/api/v1/alerts?state=FIRING&quiet=false&size=200')
  })

  it('reads an alert and its timeline', async () => {
    fetchMock.mockImplementation(async () => respond(200, []))
    await alertApi.timeline(12)
    expect(lastUrl()).toBe('/api/v1/alerts/12/timeline')
    await alertApi.get(12)
    expect(lastUrl()).toBe('/api/v1/alerts/12')
  })

  it('acknowledges with an optional comment and resolves with a reason, sending the XSRF token', async () => {
    fetchMock.mockImplementation(async () => respond(200, []))
    await alertApi.acknowledge([1, 2], '')
    expect(lastUrl()).toBe('/api/v1/alerts/acknowledge')
    expect(lastInit().method).toBe('POST')
    expect(lastBody()).toEqual({ ids: [1, 2], comment: null })
    expect((lastInit().headers as Record<string, string>)['X-XSRF-TOKEN']).toBe('token')
    await alertApi.resolve([3], '已更换电源')
    expect(lastUrl()).toBe('/api/v1/alerts/resolve')
    expect(lastBody()).toEqual({ ids: [3], reason: '已更换电源' })
  })

  it('leaves a refused reason to the form and shows other refusals', async () => {
    fetchMock.mockResolvedValue(respond(400, { title: '参数有误', status: 400, code: 'ALR-0023', errors: [{ field: 'reason', code: 'ALR-0023', message: '请填写原因' }] }, 'application/problem+json'))
    const error = (await alertApi.resolve([3], '').catch((e) => e)) as ApiError
    expect(error.errors[0].field).toBe('reason')
    expect(notify).not.toHaveBeenCalled()
    fetchMock.mockResolvedValue(respond(404, { title: '告警不存在', status: 404, code: 'ALR-0021' }, 'application/problem+json'))
    await alertApi.get(99).catch(() => undefined)
    expect(notify).toHaveBeenCalledWith('告警不存在')
  })

  it('writes rules with their version, previews them with the rule nested, overrides for one resource', async () => {
    fetchMock.mockImplementation(async () => respond(200, { id: 4 }))
    await ruleApi.list({ kind: 'THRESHOLD', origin: 'TEMPLATE', enabled: false, q: '' })
    expect(lastUrl()).toBe('/api/v1/alert-rules?kind=THRESHOLD&origin=TEMPLATE&enabled=false')
    await ruleApi.update(4, { name: 'CPU', kind: 'THRESHOLD', severity: 'MAJOR', version: 2 })
    expect(lastUrl()).toBe('/api/v1/alert-rules/4')
    expect(lastInit().method).toBe('PUT')
    expect(lastBody().version).toBe(2)
    await ruleApi.preview({ rule: { name: 'CPU', kind: 'THRESHOLD', severity: 'MAJOR', metric: 'cpu_usage' }, days: 7, resourceId: 5 })
    expect(lastUrl()).toBe('/api/v1/alert-rules/preview')
    expect(lastBody()).toEqual({ rule: { name: 'CPU', kind: 'THRESHOLD', severity: 'MAJOR', metric: 'cpu_usage' }, days: 7, resourceId: 5 })
    await ruleApi.override(4, 9, { threshold: 95 })
    expect(lastUrl()).toBe('/api/v1/alert-rules/4/overrides?resourceId=9')
    await ruleApi.metrics()
    expect(lastUrl()).toBe('/api/v1/alert-rules/metrics')
    fetchMock.mockImplementation(async () => respond(204, null))
    await ruleApi.remove(4, 3)
    expect(lastUrl()).toBe('/api/v1/alert-rules/4?version=3')
    expect(lastInit().method).toBe('DELETE')
  })

  it('leaves a stale version of a rule to the editor, which offers to reload', async () => {
    fetchMock.mockResolvedValue(respond(409, { title: '已被修改', status: 409, code: 'ALR-0002' }, 'application/problem+json'))
    const error = (await ruleApi.update(4, { name: 'x', kind: 'THRESHOLD', severity: 'INFO', version: 1 }).catch((e) => e)) as ApiError
    expect(error.code).toBe('ALR-0002')
    expect(notify).not.toHaveBeenCalled()
  })

  it('lists silences (all with the ended ones), ends one with its version', async () => {
    fetchMock.mockImplementation(async () => respond(200, []))
    await silenceApi.list()
    expect(lastUrl()).toBe('/api/v1/silences')
    await silenceApi.list(true)
    expect(lastUrl()).toBe('/api/v1/silences?all=true')
    await silenceApi.end(7, 0)
    expect(lastUrl()).toBe('/api/v1/silences/7?version=0')
    expect(lastInit().method).toBe('DELETE')
    await maintenanceApi.remove(3, 1)
    expect(lastUrl()).toBe('/api/v1/maintenance-windows/3?version=1')
  })

  it('reorders routes with every id in order', async () => {
    fetchMock.mockImplementation(async () => respond(200, []))
    await routeApi.reorder([3, 1, 2])
    expect(lastUrl()).toBe('/api/v1/notification-routes/order')
    expect(lastInit().method).toBe('PUT')
    expect(lastBody()).toEqual({ ids: [3, 1, 2] })
  })

  it('asks the statistics of a period by instants and bucket', async () => {
    fetchMock.mockImplementation(async () => respond(200, { total: 0 }))
    await statisticsApi.get({ from: '2026-05-01T00:00:00.000Z', to: '2026-05-08T00:00:00.000Z', bucket: 'day' })
    expect(lastUrl()).toBe('/api/v1/alert-statistics?from=2026-05-01T00%3A00%3A00.000Z&to=2026-05-08T00%3A00%3A00.000Z&bucket=day')
  })

  it('reads an acknowledge link without changing it and acknowledges by POST; the page explains refusals itself', async () => {
    fetchMock.mockImplementation(async () => respond(200, { alertId: 1, title: 'x', severity: 'CRITICAL', state: 'FIRING', acknowledged: false }))
    await ackLinkApi.get('a.b/c')
    expect(lastUrl()).toBe('/api/v1/alerts/ack-links/a.b%2Fc')
    expect(lastInit().method).toBe('GET')
    await ackLinkApi.acknowledge('a.b')
    expect(lastInit().method).toBe('POST')
    fetchMock.mockResolvedValue(respond(410, { title: '链接已过期', status: 410, code: 'ALR-0066' }, 'application/problem+json'))
    const error = (await ackLinkApi.acknowledge('a.b').catch((e) => e)) as ApiError
    expect(error.code).toBe('ALR-0066')
    expect(notify).not.toHaveBeenCalled()
  })
})
