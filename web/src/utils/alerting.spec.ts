import { describe, expect, it } from 'vitest'
import type { MaintenanceWindow, NotificationRoute, Rule } from '@/api/alerting'
import {
  alertChartRange,
  bucketFor,
  countBySeverity,
  defaultRecoveryOperator,
  durationParts,
  durationSeconds,
  emptyMaintenanceForm,
  emptyRouteInput,
  emptyRuleForm,
  formatDuration,
  formatIsoDuration,
  hysteresisValid,
  lastDays,
  liveDurationSeconds,
  maintenanceFormOf,
  maintenanceInputOf,
  maintenanceOpen,
  maintenanceProblems,
  moved,
  newestIds,
  notifiedParts,
  overrideInputOf,
  parseIsoDuration,
  parseSeries,
  routeInputOf,
  routeProblems,
  ruleFormOf,
  ruleInputOf,
  ruleProblems,
  scopeValueOf,
  SEVERITY_COLOUR,
  severityRank,
  silenceActive,
  silenceProblems,
  timelineKindKey,
  wallOrder,
} from './alerting'

const NOW = Date.parse('2026-05-06T10:00:00Z')

function rule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 1,
    name: 'CPU 过高',
    description: null,
    kind: 'THRESHOLD',
    origin: 'USER',
    fromTemplate: false,
    templateKey: null,
    overridesRuleId: null,
    scopeKind: 'RESOURCE',
    scopeValue: '42',
    scopeName: '门户服务器',
    severity: 'CRITICAL',
    metric: 'cpu_usage',
    instance: null,
    operator: '>',
    threshold: 90,
    forSeconds: 180,
    recoveryOperator: '<',
    recoveryThreshold: 80,
    recoverySeconds: 60,
    check: null,
    checkValue: null,
    expression: null,
    enabled: true,
    notifies: true,
    openIncident: false,
    createdAt: null,
    updatedAt: null,
    version: 3,
    ...overrides,
  }
}

describe('severities', () => {
  it('are red, orange, yellow and blue, most severe first', () => {
    expect(SEVERITY_COLOUR.CRITICAL.solid).toBe('#d93026')
    expect(SEVERITY_COLOUR.MAJOR.solid).toBe('#e8710a')
    expect(SEVERITY_COLOUR.MINOR.solid).toBe('#e0b400')
    expect(SEVERITY_COLOUR.INFO.solid).toBe('#2f7ddb')
    expect(['INFO', 'CRITICAL', 'MINOR', 'MAJOR'].sort((a, b) => severityRank(a) - severityRank(b))).toEqual(['CRITICAL', 'MAJOR', 'MINOR', 'INFO'])
    expect(severityRank('WHATEVER')).toBe(5)
  })

  it('order the wall by severity, then newest first, and highlight the last five minutes', () => {
    const alerts = [
      { id: 1, severity: 'MINOR' as const, startedAt: '2026-05-06T09:59:00Z' },
      { id: 2, severity: 'CRITICAL' as const, startedAt: '2026-05-06T08:00:00Z' },
      { id: 3, severity: 'CRITICAL' as const, startedAt: '2026-05-06T09:58:00Z' },
      { id: 4, severity: 'MAJOR' as const, startedAt: '2026-05-06T09:00:00Z' },
    ]
    expect([...alerts].sort(wallOrder).map((a) => a.id)).toEqual([3, 2, 4, 1])
    expect([...newestIds(alerts, NOW)]).toEqual([1, 3])
    expect(countBySeverity(alerts)).toEqual({ CRITICAL: 2, MAJOR: 1, MINOR: 1, INFO: 0 })
  })
})

describe('durations', () => {
  it('read ISO-8601 as Java writes them', () => {
    expect(parseIsoDuration('PT3M20S')).toBe(200)
    expect(parseIsoDuration('PT26H3M')).toBe(26 * 3600 + 180)
    expect(parseIsoDuration('P2DT1H')).toBe(2 * 86400 + 3600)
    expect(parseIsoDuration('PT0.5S')).toBe(0.5)
    expect(parseIsoDuration('PT0S')).toBe(0)
    expect(parseIsoDuration('nonsense')).toBeNull()
    expect(parseIsoDuration('PT')).toBeNull()
    expect(parseIsoDuration(null)).toBeNull()
  })

  it('speak in two units at most, in either language', () => {
    expect(formatDuration(45)).toBe('45 秒')
    expect(formatDuration(200)).toBe('3 分 20 秒')
    expect(formatDuration(3600)).toBe('1 小时')
    expect(formatDuration(26 * 3600 + 180)).toBe('1 天 2 小时')
    expect(formatDuration(200, 'en')).toBe('3 min 20 s')
    expect(formatIsoDuration('PT2H5M', 'en')).toBe('2 h 5 min')
    expect(formatDuration(-5)).toBe('0 秒')
    expect(formatDuration(null)).toBe('—')
  })

  it('grow with the clock while an alert is open', () => {
    const open = { startedAt: '2026-05-06T09:57:00Z', resolvedAt: null, duration: 'PT1M' }
    expect(liveDurationSeconds(open, NOW)).toBe(180)
    const closed = { startedAt: '2026-05-06T09:00:00Z', resolvedAt: '2026-05-06T09:10:00Z', duration: 'PT10M' }
    expect(liveDurationSeconds(closed, NOW)).toBe(600)
  })

  it('are edited as a value and a unit', () => {
    expect(durationParts(180)).toEqual({ value: 3, unit: 'minutes' })
    expect(durationParts(7200)).toEqual({ value: 2, unit: 'hours' })
    expect(durationParts(45)).toEqual({ value: 45, unit: 'seconds' })
    expect(durationParts(0)).toEqual({ value: 0, unit: 'minutes' })
    expect(durationSeconds(3, 'minutes')).toBe(180)
    expect(durationSeconds(null, 'hours')).toBe(0)
  })
})

describe('the timeline and the graph', () => {
  it('name every kind in words, unknown ones as other entries', () => {
    expect(timelineKindKey('ACKNOWLEDGED')).toBe('alerting.timeline.kind.ACKNOWLEDGED')
    expect(timelineKindKey('SOMETHING_NEW')).toBe('alerting.timeline.kind.other')
    expect(notifiedParts('REPEAT · 核心网络 · 紧急 (#3) · 2')).toEqual({ step: 'REPEAT', route: '核心网络 · 紧急 (#3)', recipients: 2 })
    expect(notifiedParts('sent to someone')).toBeNull()
    expect(notifiedParts(null)).toBeNull()
  })

  it('read the series of an alert', () => {
    expect(parseSeries('cpu_usage{monitor="3",resource="7"}')).toEqual({ metric: 'cpu_usage', labels: { monitor: '3', resource: '7' } })
    expect(parseSeries('fs_usage{instance="C:\\\\",resource="7"}')).toEqual({ metric: 'fs_usage', labels: { instance: 'C:\\', resource: '7' } })
    expect(parseSeries('up')).toEqual({ metric: 'up', labels: {} })
    expect(parseSeries('x{a="1" b}')).toBeNull()
    expect(parseSeries('alertmanager:HighLoad{')).toBeNull()
    expect(parseSeries(null)).toBeNull()
  })

  it('draw an hour before the firing to ten minutes after it ended, or after now', () => {
    const started = '2026-05-06T09:00:00Z'
    expect(alertChartRange({ startedAt: started, resolvedAt: '2026-05-06T09:30:00Z' }, NOW)).toEqual({
      from: Date.parse('2026-05-06T08:00:00Z'),
      to: Date.parse('2026-05-06T09:40:00Z'),
      firingFrom: Date.parse(started),
      firingTo: Date.parse('2026-05-06T09:30:00Z'),
    })
    const open = alertChartRange({ startedAt: started, resolvedAt: null }, NOW)
    expect(open.firingTo).toBe(NOW)
    expect(open.to).toBe(NOW + 600_000)
  })
})

describe('the rule editor', () => {
  it('shows a threshold rule and sends it back as it was', () => {
    const form = ruleFormOf(rule())
    expect(form).toMatchObject({ scopeKind: 'RESOURCE', scopeId: 42, scopeLabel: '门户服务器', forValue: 3, forUnit: 'minutes', withRecovery: true, recoveryValue: 1 })
    expect(ruleInputOf(form, 3)).toEqual({
      name: 'CPU 过高',
      description: null,
      kind: 'THRESHOLD',
      scopeKind: 'RESOURCE',
      scopeValue: '42',
      severity: 'CRITICAL',
      enabled: true,
      notifies: true,
      openIncident: false,
      forSeconds: 180,
      metric: 'cpu_usage',
      instance: null,
      operator: '>',
      threshold: 90,
      recoveryOperator: '<',
      recoveryThreshold: 80,
      recoverySeconds: 60,
      version: 3,
    })
  })

  it("sends only the fields of the rule's kind", () => {
    const availability = { ...emptyRuleForm(), name: ' 不可达 ', kind: 'AVAILABILITY' as const, check: 'PROCESS_NEW' as const, checkValue: 3, forValue: 5, metric: 'cpu_usage' }
    const input = ruleInputOf(availability)
    expect(input.name).toBe('不可达')
    expect(input.check).toBe('PROCESS_NEW')
    expect(input.checkValue).toBeNull() // an event check takes no value
    expect(input.forSeconds).toBe(0) // nor a duration
    expect(input.metric).toBeUndefined()
    expect(input.threshold).toBeUndefined()
    const baseline = ruleInputOf({ ...availability, check: 'BASELINE', checkValue: 20 })
    expect(baseline).toMatchObject({ check: 'BASELINE', checkValue: 20, metric: 'cpu_usage', forSeconds: 300 })
    const expression = ruleInputOf({ ...emptyRuleForm(), name: 'e', kind: 'EXPRESSION', expression: '  cpu_usage > 90  ', scopeKind: 'TAG', scopeText: ' 核心 ' })
    expect(expression).toMatchObject({ expression: 'cpu_usage > 90', scopeKind: 'TAG', scopeValue: '核心' })
    expect(expression.metric).toBeUndefined()
    expect(expression.version).toBeUndefined()
    const noRecovery = ruleInputOf({ ...ruleFormOf(rule()), withRecovery: false })
    expect(noRecovery.recoveryOperator).toBeUndefined()
  })

  it("keeps a template rule's monitor type as its scope", () => {
    const template = ruleFormOf(rule({ fromTemplate: true, origin: 'TEMPLATE', scopeKind: 'MONITOR_TYPE', scopeValue: 'linux-ssh', scopeName: null }))
    expect(template.scopeText).toBe('linux-ssh')
    expect(ruleInputOf(template).scopeValue).toBe('linux-ssh')
    expect(ruleProblems(template)).toEqual({})
  })

  it("turns scopes into the server's values", () => {
    expect(scopeValueOf({ scopeKind: 'ALL', scopeId: 3, scopeText: 'x' })).toBeNull()
    expect(scopeValueOf({ scopeKind: 'ORGANISATION', scopeId: 3, scopeText: '' })).toBe('3')
    expect(scopeValueOf({ scopeKind: 'BUSINESS_SYSTEM', scopeId: null, scopeText: '' })).toBeNull()
    expect(scopeValueOf({ scopeKind: 'CLASS', scopeId: null, scopeText: 'SWITCH' })).toBe('SWITCH')
  })

  it('names what is missing or contradictory before asking the server', () => {
    expect(ruleProblems(emptyRuleForm())).toEqual({ name: { key: 'nameRequired' }, metric: { key: 'metricRequired' }, threshold: { key: 'thresholdRequired' } })
    const overlapping = { ...ruleFormOf(rule()), recoveryOperator: '<' as const, recoveryThreshold: 95 }
    expect(ruleProblems(overlapping)).toEqual({ recoveryThreshold: { key: 'recoveryOverlaps', params: { trigger: '> 90' } } })
    expect(ruleProblems({ ...ruleFormOf(rule()), scopeId: null })).toEqual({ scopeValue: { key: 'scopeRequired' } })
    const availability = { ...emptyRuleForm(), name: 'x', kind: 'AVAILABILITY' as const, check: 'COLLECTION_FAILING' as const, checkValue: 0 }
    expect(ruleProblems(availability)).toEqual({ checkValue: { key: 'checkValueRange', params: { min: 1, max: 100 } } })
    expect(ruleProblems({ ...emptyRuleForm(), name: 'x', kind: 'EXPRESSION', expression: '  ' })).toEqual({ expression: { key: 'expressionRequired' } })
  })

  it('knows hysteresis as the server does', () => {
    expect(hysteresisValid('>', 90, '<', 80)).toBe(true)
    expect(hysteresisValid('>', 90, '<=', 90)).toBe(true)
    expect(hysteresisValid('>', 90, '<', 95)).toBe(false)
    expect(hysteresisValid('>', 90, '>', 80)).toBe(false)
    expect(hysteresisValid('<', 10, '>', 20)).toBe(true)
    expect(hysteresisValid('==', 1, '!=', 1)).toBe(false)
    expect(defaultRecoveryOperator('>=')).toBe('<')
    expect(defaultRecoveryOperator('<')).toBe('>')
  })

  it('writes an exception of a template rule with the fields it may change', () => {
    expect(overrideInputOf({ operator: '>=', threshold: 95, forValue: 10, forUnit: 'minutes', severity: 'MAJOR', enabled: true }, 2)).toEqual({
      operator: '>=',
      threshold: 95,
      forSeconds: 600,
      severity: 'MAJOR',
      enabled: true,
      version: 2,
    })
  })
})

describe('silences', () => {
  const base = { reason: '空调检修', expiresAt: new Date(NOW + 3600_000).toISOString() }

  it('need a matcher, a reason and an expiry within 90 days', () => {
    expect(silenceProblems({ ...base, ciId: 4 }, NOW)).toEqual({})
    expect(silenceProblems({ reason: ' ', expiresAt: null }, NOW)).toEqual({
      matcher: { key: 'matcherRequired' },
      reason: { key: 'reasonRequired' },
      expiresAt: { key: 'expiryRequired' },
    })
    expect(silenceProblems({ ...base, tag: '  ' }, NOW).matcher).toEqual({ key: 'matcherRequired' })
    expect(silenceProblems({ ...base, severity: 'MINOR', expiresAt: new Date(NOW - 1000).toISOString() }, NOW).expiresAt).toEqual({ key: 'expiryBeforeStart' })
    expect(silenceProblems({ ...base, ruleId: 1, startsAt: new Date(NOW + 7200_000).toISOString() }, NOW).expiresAt).toEqual({ key: 'expiryBeforeStart' })
    expect(silenceProblems({ ...base, ruleId: 1, expiresAt: new Date(NOW + 91 * 86_400_000).toISOString() }, NOW).expiresAt).toEqual({ key: 'expiryTooFar', params: { days: 90 } })
  })

  it('hold from their start until they expire or are ended', () => {
    const silence = { startsAt: '2026-05-06T09:00:00Z', expiresAt: '2026-05-06T11:00:00Z', endedAt: null }
    expect(silenceActive(silence, NOW)).toBe(true)
    expect(silenceActive({ ...silence, endedAt: '2026-05-06T09:30:00Z' }, NOW)).toBe(false)
    expect(silenceActive({ ...silence, expiresAt: '2026-05-06T10:00:00Z' }, NOW)).toBe(false)
  })
})

describe('maintenance windows', () => {
  function window(overrides: Partial<MaintenanceWindow>): MaintenanceWindow {
    return {
      id: 1,
      name: '例行维护',
      scopeKind: 'ALL',
      scopeValue: null,
      recurrence: 'ONCE',
      startsAt: null,
      endsAt: null,
      days: null,
      startTime: null,
      durationMinutes: null,
      validFrom: null,
      validUntil: null,
      reason: '升级',
      enabled: true,
      createdBy: 1,
      createdAt: '2026-05-01T00:00:00Z',
      updatedAt: '2026-05-01T00:00:00Z',
      version: 0,
      ...overrides,
    }
  }
  const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).getTime()

  it('are open within their period, recurring ones in local time, across midnight too', () => {
    expect(maintenanceOpen(window({ startsAt: '2026-05-06T09:00:00Z', endsAt: '2026-05-06T11:00:00Z' }), NOW)).toBe(true)
    expect(maintenanceOpen(window({ startsAt: '2026-05-06T09:00:00Z', endsAt: '2026-05-06T11:00:00Z', enabled: false }), NOW)).toBe(false)
    const thursdayNight = window({ recurrence: 'WEEKLY', days: [4], startTime: '22:00', durationMinutes: 240 })
    // 2026-05-07 is a Thursday
    expect(maintenanceOpen(thursdayNight, local(2026, 5, 7, 23))).toBe(true)
    expect(maintenanceOpen(thursdayNight, local(2026, 5, 8, 1, 30))).toBe(true)
    expect(maintenanceOpen(thursdayNight, local(2026, 5, 8, 2, 0))).toBe(false)
    expect(maintenanceOpen(thursdayNight, local(2026, 5, 6, 23))).toBe(false)
    const monthly = window({ recurrence: 'MONTHLY', days: [1, 15], startTime: '01:00', durationMinutes: 60, validUntil: '2026-05-31' })
    expect(maintenanceOpen(monthly, local(2026, 5, 15, 1, 30))).toBe(true)
    expect(maintenanceOpen(monthly, local(2026, 6, 1, 1, 30))).toBe(false)
    expect(maintenanceOpen(window({ recurrence: 'DAILY', startTime: '09:00', durationMinutes: 30, validFrom: '2026-05-10' }), local(2026, 5, 6, 9, 10))).toBe(false)
  })

  it('are edited and sent with only the fields of their recurrence', () => {
    const weekly = maintenanceFormOf(window({ recurrence: 'WEEKLY', days: [5, 1], startTime: '22:00', durationMinutes: 120, scopeKind: 'RESOURCE', scopeValue: '9' }))
    expect(weekly).toMatchObject({ weekDays: [1, 5], scopeId: 9 })
    expect(maintenanceInputOf(weekly, 0)).toEqual({
      name: '例行维护',
      reason: '升级',
      scopeKind: 'RESOURCE',
      scopeValue: '9',
      recurrence: 'WEEKLY',
      startsAt: null,
      endsAt: null,
      days: [1, 5],
      startTime: '22:00',
      durationMinutes: 120,
      validFrom: null,
      validUntil: null,
      enabled: true,
      version: 0,
    })
    const once = { ...emptyMaintenanceForm(), name: 'x', reason: 'y', scopeKind: 'ALL' as const, range: ['2026-05-06T12:00:00.000Z', '2026-05-06T14:00:00.000Z'] as [string, string] }
    expect(maintenanceInputOf(once)).toMatchObject({ startsAt: '2026-05-06T12:00:00.000Z', endsAt: '2026-05-06T14:00:00.000Z', days: null, startTime: null, durationMinutes: null })
    expect(maintenanceProblems(once)).toEqual({})
  })

  it('name what is missing or out of range', () => {
    expect(maintenanceProblems(emptyMaintenanceForm())).toEqual({
      name: { key: 'nameRequired' },
      reason: { key: 'reasonRequired' },
      scopeValue: { key: 'scopeRequired' },
      range: { key: 'rangeRequired' },
    })
    const base = { ...emptyMaintenanceForm(), name: 'x', reason: 'y', scopeKind: 'ALL' as const }
    expect(maintenanceProblems({ ...base, range: ['2026-05-06T12:00:00Z', '2026-06-10T12:00:00Z'] }).range).toEqual({ key: 'rangeTooLong', params: { days: 31 } })
    expect(maintenanceProblems({ ...base, range: ['2026-05-06T12:00:00Z', '2026-05-06T11:00:00Z'] }).range).toEqual({ key: 'rangeReversed' })
    expect(maintenanceProblems({ ...base, recurrence: 'WEEKLY', weekDays: [], durationMinutes: 0, startTime: '25:00', validFrom: '2026-06-01', validUntil: '2026-05-01' })).toEqual({
      startTime: { key: 'startTimeRequired' },
      durationMinutes: { key: 'durationRange', params: { max: 10080 } },
      days: { key: 'daysRequired' },
      validUntil: { key: 'validReversed' },
    })
  })
})

describe('notification routes', () => {
  it('need a recipient and channels that fit them', () => {
    const input = { ...emptyRouteInput(), name: '核心网络' }
    expect(routeProblems(input)).toEqual({ userIds: { key: 'recipientRequired' } })
    expect(routeProblems({ ...input, userIds: [3] })).toEqual({})
    expect(routeProblems({ ...input, userIds: [3], channels: [] }).channels).toEqual({ key: 'channelRequired' })
    expect(routeProblems({ ...input, userIds: [3], channels: ['WEBHOOK'] }).channels).toEqual({ key: 'webhookNeedsRobot' })
    expect(routeProblems({ ...input, endpointIds: [2] }).endpointIds).toEqual({ key: 'robotNeedsWebhook' })
    expect(routeProblems({ ...input, userIds: [3], groupWaitSeconds: 301, escalateAfterMinutes: 15 })).toEqual({
      groupWaitSeconds: { key: 'numberRange', params: { min: 0, max: 300 } },
      escalateUserIds: { key: 'escalationRecipientRequired' },
    })
  })

  it('are edited from what the server answered', () => {
    const route = { ...emptyRouteInput(), id: 5, name: 'r', position: 1, organisationName: null, businessSystemName: null, users: [], groups: [], endpoints: [], escalateUsers: [], escalateGroups: [], createdAt: null, updatedAt: null, version: 4, userIds: [1] } as NotificationRoute
    const input = routeInputOf(route)
    expect(input.version).toBe(4)
    expect(input.userIds).toEqual([1])
    expect(input.userIds).not.toBe(route.userIds)
  })

  it('move up and down in their order', () => {
    expect(moved([1, 2, 3], 3, -1)).toEqual([1, 3, 2])
    expect(moved([1, 2, 3], 1, 1)).toEqual([2, 1, 3])
    expect(moved([1, 2, 3], 1, -1)).toEqual([1, 2, 3])
    expect(moved([1, 2, 3], 9, 1)).toEqual([1, 2, 3])
  })
})

describe('statistics', () => {
  it('use hours for two days or less, and count the last days up to today', () => {
    expect(bucketFor('2026-05-06', '2026-05-06')).toBe('hour')
    expect(bucketFor('2026-05-05', '2026-05-06')).toBe('hour')
    expect(bucketFor('2026-05-01', '2026-05-06')).toBe('day')
    const [from, to] = lastDays(7, new Date(2026, 4, 6, 12).getTime())
    expect([from, to]).toEqual(['2026-04-30', '2026-05-06'])
  })
})
