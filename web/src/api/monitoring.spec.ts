import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp } from './http'
import { bulkApi, metricApi, monitorApi, monitorTypeApi, resourceApi, seriesParams, seriesText } from './monitoring'

function respond(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

describe('monitoring client', () => {
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
  const lastHeaders = () => lastInit().headers as Record<string, string>

  it('lists monitors and resources with the filters of the contract', async () => {
    fetchMock.mockImplementation(async () => respond(200, { items: [], total: 0, page: 0, size: 20 }))
    await monitorApi.list({ q: 'sw', typeId: 'tcp-port', status: 'DOWN', ciId: null, page: 1, size: 20, sort: 'lastCollectedAt,desc' })
    expect(lastUrl()).toBe('/api/v1/monitors?q=sw&typeId=tcp-port&status=DOWN&page=1&size=20&sort=lastCollectedAt%2Cdesc')
    fetchMock.mockImplementation(async () => respond(200, { items: [], total: 0, page: 0, size: 20, counts: { OK: 3 } }))
    const page = await resourceApi.list({ state: 'UNREACHABLE', classCode: 'SERVER', organisationId: 4, q: '' })
    expect(lastUrl()).toBe('/api/v1/monitoring/resources?state=UNREACHABLE&classCode=SERVER&organisationId=4')
    expect(page.counts).toEqual({ OK: 3 })
    await resourceApi.events({ ciId: 7, page: 0, size: 10 })
    expect(lastUrl()).toBe('/api/v1/monitoring/events?ciId=7&page=0&size=10')
  })

  it('adds, changes and deletes monitors with their version; form errors stay with the form', async () => {
    fetchMock.mockImplementation(async () => respond(201, { id: 5 }))
    await monitorApi.create({ ciId: 7, typeId: 'tcp-port', parameters: { host: '10.0.0.1', port: 22 }, intervalSeconds: null, enabled: true })
    expect(lastUrl()).toBe('/api/v1/monitors')
    expect(lastInit().method).toBe('POST')
    expect(JSON.parse(String(lastInit().body))).toEqual({ ciId: 7, typeId: 'tcp-port', parameters: { host: '10.0.0.1', port: 22 }, intervalSeconds: null, enabled: true })
    expect(lastHeaders()['X-XSRF-TOKEN']).toBe('token')

    fetchMock.mockResolvedValue(
      respond(400, { title: '参数有误', status: 400, code: 'SYS-0002', errors: [{ field: 'parameters.port', code: 'MON-0011', message: '端口应在 1–65535 之间' }] }, 'application/problem+json'),
    )
    const error = await monitorApi.update(5, { ciId: 7, typeId: 'tcp-port', parameters: { port: 0 }, version: 2 }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).errors[0].field).toBe('parameters.port')
    expect(notify).not.toHaveBeenCalled()
    expect(lastUrl()).toBe('/api/v1/monitors/5')
    expect(lastInit().method).toBe('PUT')

    fetchMock.mockImplementation(async () => respond(204, null))
    await monitorApi.remove(5, 3)
    expect(lastUrl()).toBe('/api/v1/monitors/5?version=3')
    expect(lastInit().method).toBe('DELETE')
  })

  it('tests a monitor now, with the stored secrets of the one being edited', async () => {
    fetchMock.mockImplementation(async () => respond(200, { outcome: 'REFUSED', outcomeText: '拒绝连接', collected: false, detail: 'Connection refused', durationMillis: 3, values: [], facts: {}, inventories: {} }))
    const trial = await monitorApi.test({ ciId: 7, typeId: 'tcp-port', parameters: {} }, 5)
    expect(lastUrl()).toBe('/api/v1/monitors/test?monitorId=5')
    expect(trial.detail).toBe('Connection refused')
    await monitorApi.test({ ciId: 7, typeId: 'tcp-port', parameters: {} })
    expect(lastUrl()).toBe('/api/v1/monitors/test')
  })

  it('checks and uploads a template as YAML, leaving MON-0020 to the page', async () => {
    fetchMock.mockImplementation(async () => respond(200, { valid: false, problems: [{ path: 'protocol', message: '未知协议“foo”' }] }))
    const check = await monitorTypeApi.check('id: x\nprotocol: foo\n')
    expect(lastUrl()).toBe('/api/v1/monitor-types/check')
    expect(lastHeaders()['Content-Type']).toBe('application/yaml;charset=utf-8')
    expect((lastInit().body as Blob).size).toBe('id: x\nprotocol: foo\n'.length)
    expect(check.problems[0].path).toBe('protocol')

    fetchMock.mockImplementation(async () => respond(400, { title: '模板有误', status: 400, code: 'MON-0020', problems: [{ path: 'metrics[0].unit', message: '未知单位' }] }, 'application/problem+json'))
    const error = (await monitorTypeApi.upload('id: x').catch((e) => e)) as ApiError
    expect(error.code).toBe('MON-0020')
    expect(error.problem.problems).toEqual([{ path: 'metrics[0].unit', message: '未知单位' }])
    expect(notify).not.toHaveBeenCalled()

    fetchMock.mockImplementation(async () => respond(204, null))
    await monitorTypeApi.remove('my type')
    expect(lastUrl()).toBe('/api/v1/monitor-types/my%20type')
  })

  it('previews and applies bulk onboarding by selection and by file', async () => {
    fetchMock.mockImplementation(async () => respond(200, { applied: false, total: 0, counts: {}, rows: [] }))
    await bulkApi.preview({ typeId: 'ping', selection: { classCode: 'SERVER' }, parameters: {} })
    expect(lastUrl()).toBe('/api/v1/monitors/bulk/preview')
    await bulkApi.apply({ typeId: 'ping', selection: { ciIds: [1, 2] }, parameters: {} })
    expect(lastUrl()).toBe('/api/v1/monitors/bulk')
    const file = new File(['ci,host\nA,1.1.1.1'], 'hosts.csv')
    await bulkApi.previewFile('ping', file)
    expect(lastUrl()).toBe('/api/v1/monitors/bulk/file/preview?typeId=ping&skipExisting=true')
    expect((lastInit().body as FormData).get('file')).toBeInstanceOf(File)
    await bulkApi.applyFile('ping', file, false)
    expect(lastUrl()).toBe('/api/v1/monitors/bulk/file?typeId=ping&skipExisting=false')
    expect(bulkApi.fileTemplateUrl('ping')).toBe('/api/v1/monitors/bulk/file-template?typeId=ping')
  })

  it('queries series by metric and labels, Top-N, baseline and forecast', async () => {
    fetchMock.mockImplementation(async () => respond(200, { from: '', to: '', stepSeconds: 60, series: [] }))
    await metricApi.query({ metric: 'fs_usage', labels: { resource: '7', instance: ['/', '/data'], monitor: undefined }, from: 1000, to: 2000, step: '1m' })
    expect(lastUrl()).toBe('/api/v1/metrics/query?metric=fs_usage&label.resource=7&label.instance=%2F&label.instance=%2Fdata&from=1000&to=2000&step=1m')
    fetchMock.mockImplementation(async () => respond(200, []))
    await metricApi.top({ metric: 'if_in_bps', n: 20, order: 'desc' })
    expect(lastUrl()).toBe('/api/v1/metrics/topn?metric=if_in_bps&n=20&order=desc')
    await metricApi.latest('cpu_usage', { resource: '7' }, '10m')
    expect(lastUrl()).toBe('/api/v1/metrics/latest?metric=cpu_usage&label.resource=7&lookback=10m')
    await metricApi.baseline(seriesText('cpu_usage', { resource: '7', monitor: '3' }))
    expect(lastUrl()).toBe('/api/v1/metrics/baseline?series=cpu_usage%7Bmonitor%3D%223%22%2Cresource%3D%227%22%7D')
    await metricApi.forecast(7)
    expect(lastUrl()).toBe('/api/v1/metrics/forecast?resource=7')
    fetchMock.mockImplementation(async () => respond(200, { kind: 'embedded', healthy: true, partitions: [] }))
    await metricApi.store()
    expect(lastUrl()).toBe('/api/v1/metrics/store')
  })

  it('writes series selectors and their text form', () => {
    expect(seriesParams('up', { resource: '1', instance: '' })).toEqual({ metric: 'up', 'label.resource': '1' })
    expect(seriesText('fs_usage', { instance: 'C:\\ "sys"', resource: '7' })).toBe('fs_usage{instance="C:\\\\ \\"sys\\"",resource="7"}')
    expect(seriesText('opsguard_collect_backlog', {})).toBe('opsguard_collect_backlog')
  })
})

describe('monitoring words', () => {
  it('exist in both languages for every enum and unit the pages show', async () => {
    const { BULK_ROW_STATUSES, EVENT_KINDS, HEADLINE_METRICS, MONITOR_STATUSES, PARAMETER_TYPES, RESOURCE_STATES } = await import('./monitoring')
    const zh = (await import('@/locales/zh-CN.json')).default as unknown as { monitoring: Record<string, Record<string, unknown>> }
    const en = (await import('@/locales/en.json')).default as unknown as { monitoring: Record<string, Record<string, unknown>> }
    const units = ['percent', 'bytes', 'bits_per_second', 'bytes_per_second', 'per_second', 'milliseconds', 'seconds', 'minutes', 'days', 'count', 'celsius', 'volts', 'amperes', 'watts', 'hertz', 'boolean', 'state', 'none']
    const wanted: [string, readonly string[]][] = [
      ['state', RESOURCE_STATES],
      ['status', MONITOR_STATUSES],
      ['eventKind', EVENT_KINDS],
      ['parameterType', PARAMETER_TYPES],
      ['headline', HEADLINE_METRICS],
      ['unit', units],
      ['severity', ['CRITICAL', 'MAJOR', 'MINOR', 'INFO']],
    ]
    for (const [group, values] of wanted) {
      for (const value of values) {
        expect(zh.monitoring[group][value], `${group}.${value}`).toBeTruthy()
        expect(en.monitoring[group][value], `${group}.${value}`).toBeTruthy()
      }
    }
    const bulk = (tree: typeof zh) => (tree.monitoring.bulk as Record<string, Record<string, string>>).status
    for (const s of BULK_ROW_STATUSES) expect(bulk(zh)[s] && bulk(en)[s], s).toBeTruthy()
  })
})
