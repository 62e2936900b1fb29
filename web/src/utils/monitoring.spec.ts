import { describe, expect, it } from 'vitest'
import type { MonitorType, ParameterDefinition } from '@/api/monitoring'
import {
  agoParts,
  axisStart,
  bandPoints,
  chooseStep,
  dateAfterDays,
  formatValue,
  hasBaseline,
  hourOfWeek,
  initialValues,
  isRequired,
  isShown,
  outcomeTag,
  parameterProblem,
  parameterProblems,
  parametersToSend,
  rangeOf,
  refreshMillis,
  shownParameters,
  STATE_TAG,
  stepParam,
  typesByCategory,
} from './monitoring'

function parameter(key: string, type: ParameterDefinition['type'], more: Partial<ParameterDefinition> = {}): ParameterDefinition {
  return { key, type, label: key, help: null, required: false, defaultValue: null, options: [], min: null, max: null, showWhenKey: null, showWhenValue: null, ...more }
}

const snmp: MonitorType = {
  id: 'snmp-switch',
  version: 1,
  name: '交换机',
  description: null,
  category: 'network',
  categoryText: '网络设备',
  protocol: 'snmp',
  appliesTo: [],
  builtIn: true,
  metrics: [],
  parameters: [
    parameter('host', 'HOST', { required: true }),
    parameter('port', 'PORT', { defaultValue: 161 }),
    parameter('version', 'CHOICE', { defaultValue: 'v2c', options: [{ value: 'v2c', label: 'v2c' }, { value: 'v3', label: 'v3' }] }),
    parameter('community', 'SECRET', { required: true, showWhenKey: 'version', showWhenValue: 'v2c' }),
    parameter('user', 'TEXT', { required: true, showWhenKey: 'version', showWhenValue: 'v3' }),
    parameter('authProtocol', 'CHOICE', { showWhenKey: 'version', showWhenValue: 'v3|v3-auth' }),
    parameter('retries', 'NUMBER', { min: 0, max: 5, defaultValue: 1 }),
    parameter('bulk', 'BOOLEAN', { defaultValue: true }),
    parameter('interfaces', 'LIST'),
    parameter('url', 'URL'),
  ],
}

describe('values by unit', () => {
  it('shows bytes in binary units, bits per second in decimal ones', () => {
    expect(formatValue(0, 'bytes')).toBe('0 B')
    expect(formatValue(1536, 'bytes')).toBe('1.5 KB')
    expect(formatValue(8 * 1024 ** 3, 'bytes')).toBe('8 GB')
    expect(formatValue(250_000_000, 'bits_per_second')).toBe('250 Mbps')
    expect(formatValue(1_200_000_000, 'bits_per_second')).toBe('1.2 Gbps')
    expect(formatValue(999, 'bits_per_second')).toBe('999 bps')
  })

  it('shows percent, milliseconds, durations and yes/no in the language asked', () => {
    expect(formatValue(42.345, 'percent')).toBe('42.3%')
    expect(formatValue(3.456, 'milliseconds')).toBe('3.46 ms')
    expect(formatValue(250, 'milliseconds')).toBe('250 ms')
    expect(formatValue(12500, 'milliseconds')).toBe('12.5 s')
    expect(formatValue(90, 'seconds')).toBe('90 秒')
    expect(formatValue(3 * 86400, 'seconds', 'en')).toBe('3 d')
    expect(formatValue(7200, 'seconds')).toBe('2 小时')
    expect(formatValue(1, 'boolean')).toBe('是')
    expect(formatValue(0, 'boolean', 'en')).toBe('no')
    expect(formatValue(2, 'state')).toBe('2')
    expect(formatValue(36.6, 'celsius')).toBe('36.6 °C')
    expect(formatValue(12.5, 'per_second')).toBe('12.5/s')
  })

  it('shows a dash for no value and rounds plain numbers', () => {
    expect(formatValue(null, 'percent')).toBe('—')
    expect(formatValue(Number.NaN, 'bytes')).toBe('—')
    expect(formatValue(0.123456, 'none')).toBe('0.12')
    expect(formatValue(123456, 'count')).toBe('123.5 K')
  })
})

describe('ranges and steps', () => {
  it('ends a range now', () => {
    expect(rangeOf('1h', 10_000_000)).toEqual([10_000_000 - 3_600_000, 10_000_000])
    expect(rangeOf('7d', 1e12)[0]).toBe(1e12 - 7 * 86_400_000)
  })

  it('chooses a round step for about 300 points, never finer than the interval', () => {
    const hour = 3_600_000
    expect(chooseStep(0, hour)).toBe(15)
    expect(chooseStep(0, hour, 60)).toBe(60)
    expect(chooseStep(0, 24 * hour, 60)).toBe(300)
    expect(chooseStep(0, 7 * 24 * hour)).toBe(3600)
    expect(chooseStep(0, 30 * 24 * hour)).toBe(10800)
    expect(chooseStep(0, 800 * 24 * hour)).toBe(86400 * 3)
    for (const range of [hour, 6 * hour, 24 * hour, 7 * 24 * hour, 30 * 24 * hour]) {
      expect(range / 1000 / chooseStep(0, range)).toBeLessThanOrEqual(300)
    }
  })

  it('writes a step as the metric API reads it', () => {
    expect(stepParam(15)).toBe('15s')
    expect(stepParam(300)).toBe('5m')
    expect(stepParam(7200)).toBe('2h')
    expect(stepParam(86400)).toBe('1d')
  })

  it('refreshes every interval, at most every 10 seconds', () => {
    expect(refreshMillis(60)).toBe(60_000)
    expect(refreshMillis(5)).toBe(10_000)
    expect(refreshMillis(0)).toBe(60_000)
  })

  it('tells how long ago', () => {
    const now = Date.parse('2026-12-07T10:00:00Z')
    expect(agoParts('2026-12-07T09:57:00Z', now)).toEqual({ unit: 'minutes', n: 3 })
    expect(agoParts('2026-12-07T09:59:55Z', now)).toEqual({ unit: 'now', n: 0 })
    expect(agoParts('2026-12-07T09:59:30Z', now)).toEqual({ unit: 'seconds', n: 30 })
    expect(agoParts('2026-12-07T07:00:00Z', now)).toEqual({ unit: 'hours', n: 3 })
    expect(agoParts('2026-12-05T10:00:00Z', now)).toEqual({ unit: 'days', n: 2 })
    expect(agoParts(null, now)).toBeNull()
    expect(agoParts('garbage', now)).toBeNull()
  })

  it('finds the hour of week and the date a disk is full', () => {
    expect(hourOfWeek(new Date(2026, 11, 7, 0, 30).getTime())).toBe(0) // a Monday
    expect(hourOfWeek(new Date(2026, 11, 13, 23, 0).getTime())).toBe(167) // the Sunday after
    expect(dateAfterDays(10, new Date(2026, 11, 25, 12).getTime())).toBe('2027-01-04')
  })

  it('lays the baseline band on the hours of week of a range', () => {
    const monday9 = new Date(2026, 11, 7, 9, 0).getTime() // hour of week 9
    const hours = [
      { hourOfWeek: 9, typical: 40, low: 30, high: 50 },
      { hourOfWeek: 10, typical: 45, low: 35, high: 55 },
    ]
    const points = bandPoints(hours, monday9 + 30 * 60_000, monday9 + 3 * 3_600_000)
    expect(points.map((p) => (p.ts - monday9) / 60_000)).toEqual([30, 60, 120, 180])
    expect(points.map((p) => p.hour?.typical ?? null)).toEqual([40, 45, null, null])
  })

  it('starts the time axis shortly before data that begins well inside the range', () => {
    const from = 1_000_000_000_000
    const to = from + 3_600_000
    expect(axisStart(from, to, null, 15)).toBe(from)
    expect(axisStart(from, to, from + 60_000, 15)).toBe(from) // the range mostly covered
    expect(axisStart(from, to, to - 40_000, 15)).toBe(to - 70_000) // 40 s of data: two 15 s steps before it
    expect(axisStart(from, to, to - 1_200_000, 15)).toBe(to - 1_320_000) // 20 min of data: a tenth of it before
  })

  it('draws a baseline band only for gauges of a level', () => {
    expect(hasBaseline('percent', 'GAUGE')).toBe(true)
    expect(hasBaseline('bits_per_second', 'COUNTER')).toBe(false)
    expect(hasBaseline('boolean', 'GAUGE')).toBe(false)
  })
})

describe('state colours', () => {
  it('are green, orange, red and grey', () => {
    expect(STATE_TAG).toEqual({ OK: 'success', WARNING: 'warning', UNREACHABLE: 'danger', PENDING: 'info', DISABLED: 'info' })
    expect(outcomeTag('SUCCESS')).toBe('success')
    expect(outcomeTag('PARTIAL')).toBe('warning')
    expect(outcomeTag('AUTH_FAILED')).toBe('danger')
    expect(outcomeTag(null)).toBe('info')
  })
})

describe('the dynamic monitor form', () => {
  it('starts from the defaults, or the stored values on an edit, never a secret', () => {
    const values = initialValues(snmp)
    expect(values).toEqual({ host: '', port: 161, version: 'v2c', community: '', user: '', authProtocol: '', retries: 1, bulk: true, interfaces: [], url: '' })
    const edit = initialValues(snmp, { host: '10.0.0.1', interfaces: ['eth0'], bulk: false, version: 'v3' })
    expect(edit.host).toBe('10.0.0.1')
    expect(edit.interfaces).toEqual(['eth0'])
    expect(edit.bulk).toBe(false)
    expect(initialValues(snmp, { interfaces: 'eth0, eth1' as unknown as string[] }).interfaces).toEqual(['eth0', 'eth1'])
  })

  it('shows a parameter only when the other one has one of its values (or its default does)', () => {
    const values = initialValues(snmp)
    expect(shownParameters(snmp, values).map((p) => p.key)).toEqual(['host', 'port', 'version', 'community', 'retries', 'bulk', 'interfaces', 'url'])
    values.version = 'v3'
    expect(shownParameters(snmp, values).map((p) => p.key)).toContain('user')
    expect(shownParameters(snmp, values).map((p) => p.key)).toContain('authProtocol')
    expect(shownParameters(snmp, values).map((p) => p.key)).not.toContain('community')
    values.version = ''
    expect(isShown(snmp.parameters[3], values, snmp.parameters)).toBe(true) // the default v2c
  })

  it('requires what has no default; a stored secret counts as set', () => {
    expect(isRequired(snmp.parameters[0])).toBe(true)
    expect(isRequired(parameter('port', 'PORT', { required: true, defaultValue: 22 }))).toBe(false)
    expect(isRequired(snmp.parameters[3])).toBe(true)
    expect(isRequired(snmp.parameters[3], ['community'])).toBe(false)
    const problems = parameterProblems(snmp, initialValues(snmp))
    expect(problems).toEqual({ host: { key: 'required' }, community: { key: 'required' } })
    expect(parameterProblems(snmp, { ...initialValues(snmp), host: 'sw1', community: '' }, ['community'])).toEqual({})
  })

  it('checks ports, numbers, URLs and hosts', () => {
    expect(parameterProblem(snmp.parameters[1], 70000)).toEqual({ key: 'port' })
    expect(parameterProblem(snmp.parameters[1], 22)).toBeNull()
    expect(parameterProblem(snmp.parameters[6], 9)).toEqual({ key: 'numberMax', params: { max: 5 } })
    expect(parameterProblem(snmp.parameters[6], -1)).toEqual({ key: 'numberMin', params: { min: 0 } })
    expect(parameterProblem(snmp.parameters[6], 1.5)).toEqual({ key: 'number' })
    expect(parameterProblem(snmp.parameters[9], 'ftp://x')).toEqual({ key: 'url' })
    expect(parameterProblem(snmp.parameters[9], 'https://example.org/health')).toBeNull()
    expect(parameterProblem(snmp.parameters[0], '10.0.0.1')).toBeNull()
    expect(parameterProblem(snmp.parameters[0], 'fe80::1')).toBeNull()
    expect(parameterProblem(snmp.parameters[0], 'core-sw.example.org')).toBeNull()
    expect(parameterProblem(snmp.parameters[0], 'not a host')).toEqual({ key: 'host' })
  })

  it('sends only shown, filled parameters, typed', () => {
    const values = { ...initialValues(snmp), host: ' 10.0.0.1 ', community: 'public', user: 'ignored', interfaces: ['eth0', ' '], retries: 2 }
    expect(parametersToSend(snmp, values)).toEqual({ host: '10.0.0.1', port: 161, version: 'v2c', community: 'public', retries: 2, bulk: true, interfaces: ['eth0'] })
    // an empty secret on an edit is left out: the server keeps the stored one
    expect(parametersToSend(snmp, { ...values, community: '' })).not.toHaveProperty('community')
  })

  it('groups types by category and searches them', () => {
    const ping = { ...snmp, id: 'ping', name: 'Ping', category: 'service', categoryText: '服务探测', protocol: 'icmp' }
    const linux = { ...snmp, id: 'linux-snmp', name: 'Linux（SNMP）', category: 'host', categoryText: '主机' }
    const groups = typesByCategory([snmp, ping, linux])
    expect(groups.map((g) => g.category)).toEqual(['network', 'service', 'host'])
    expect(typesByCategory([snmp, ping, linux], 'icmp').flatMap((g) => g.types.map((t) => t.id))).toEqual(['ping'])
    expect(typesByCategory([snmp, ping, linux], '主机').flatMap((g) => g.types.map((t) => t.id))).toEqual(['linux-snmp'])
  })
})
