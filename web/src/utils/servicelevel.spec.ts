import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN.json'
import en from '@/locales/en.json'
import {
  DECISIONS,
  DEGREES,
  ESCALATION_RECIPIENTS,
  GAP_STATUSES,
  IMPACTS,
  LEVEL_CAUSES,
  PARTY_ROLES,
  POLICY_KINDS,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  REALTIME_REQUIREMENTS,
  TICKET_TYPES,
  type GradingModel,
  type MatrixItem,
  type SlaDefinition,
} from '@/api/servicelevel'
import {
  amountToDuration,
  checkPolicyDefinition,
  compareDurations,
  completeModel,
  durationToAmount,
  evaluateModel,
  formatDuration,
  gapAction,
  gapFigures,
  levelColour,
  locateTargetField,
  matrixRows,
  matrixSpan,
  modelProblems,
  normaliseDefinition,
  overriddenTypes,
  parseDuration,
  sameModel,
  targetCellKey,
  targetIndex,
  targetsFor,
  UNGRADED_COLOUR,
} from './servicelevel'

const ZH_WORDS = { minutes: (n: number) => `${n} 分钟`, hours: (n: number) => `${n} 小时`, days: (n: number) => `${n} 个工作日` }

/** The default model (HS/T 42, version 1), as the server ships it. */
const STANDARD: GradingModel = {
  impact: {
    VERY_HIGH: { VERY_HIGH: 'MAJOR', HIGH: 'MAJOR', MEDIUM: 'LARGE', LOW: 'OBVIOUS' },
    HIGH: { VERY_HIGH: 'LARGE', HIGH: 'LARGE', MEDIUM: 'OBVIOUS', LOW: 'SLIGHT' },
    MEDIUM: { VERY_HIGH: 'OBVIOUS', HIGH: 'OBVIOUS', MEDIUM: 'SLIGHT', LOW: 'SLIGHT' },
    LOW: { VERY_HIGH: 'SLIGHT', HIGH: 'SLIGHT', MEDIUM: 'NONE', LOW: 'NONE' },
  },
  impactLevels: { MAJOR: 1, LARGE: 2, OBVIOUS: 3, SLIGHT: 4, NONE: 5 },
  realtimeCaps: { HIGH: 2, NOT_HIGH: 3, LOW: null },
}

function item(code: string, groupZh: string, levels: number[]): MatrixItem {
  return { code, check: 'POLICY', levels, groupZh, groupEn: groupZh.replace('系统维护服务', 'System maintenance'), nameZh: `${code} 名称`, nameEn: `${code} name` }
}

function definition(targets: SlaDefinition['targets'], extra: Partial<SlaDefinition> = {}): SlaDefinition {
  return { calendar: '7x24', targets, warnAt: [50, 80], escalations: [{ atPercent: 100, recipient: 'CLIENT' }], holidayOnSite: null, ...extra }
}

function general(): SlaDefinition['targets'] {
  return [1, 2, 3, 4].map((faultLevel) => ({ ticketType: null, faultLevel, response: 'PT30M', onSite: null, resolution: 'PT8H', updateInterval: 'PT2H' }))
}

describe('levels', () => {
  it('colours the five levels and greys out “not graded”', () => {
    expect(new Set([1, 2, 3, 4, 5].map(levelColour)).size).toBe(5)
    expect(levelColour(null)).toBe(UNGRADED_COLOUR)
    expect(levelColour(9)).toBe(UNGRADED_COLOUR)
  })
})

describe('durations', () => {
  it('reads ISO working durations', () => {
    expect(parseDuration('PT30M')).toEqual({ days: 0, hours: 0, minutes: 30 })
    expect(parseDuration('P2DT4H')).toEqual({ days: 2, hours: 4, minutes: 0 })
    expect(parseDuration('PT90M')).toEqual({ days: 0, hours: 1, minutes: 30 })
    expect(parseDuration('pt8h')).toEqual({ days: 0, hours: 8, minutes: 0 })
    expect(parseDuration('PT')).toBeNull()
    expect(parseDuration('P1W')).toBeNull()
    expect(parseDuration('')).toBeNull()
    expect(parseDuration(null)).toBeNull()
  })

  it('shows a duration as one number and unit where it can', () => {
    expect(durationToAmount('PT30M')).toEqual({ value: 30, unit: 'MINUTES' })
    expect(durationToAmount('PT8H')).toEqual({ value: 8, unit: 'HOURS' })
    expect(durationToAmount('PT24H')).toEqual({ value: 24, unit: 'HOURS' })
    expect(durationToAmount('PT1H30M')).toEqual({ value: 90, unit: 'MINUTES' })
    expect(durationToAmount('P1D')).toEqual({ value: 1, unit: 'DAYS' })
    expect(durationToAmount('P2DT4H')).toBeNull()
    expect(durationToAmount('PT0S')).toBeNull()
    expect(durationToAmount(null)).toBeNull()
  })

  it('writes a number and unit as ISO text', () => {
    expect(amountToDuration(30, 'MINUTES')).toBe('PT30M')
    expect(amountToDuration(90, 'MINUTES')).toBe('PT1H30M')
    expect(amountToDuration(8, 'HOURS')).toBe('PT8H')
    expect(amountToDuration(1.5, 'HOURS')).toBe('PT1H30M')
    expect(amountToDuration(1, 'DAYS')).toBe('P1D')
    expect(amountToDuration(1.5, 'DAYS')).toBeNull()
    expect(amountToDuration(0, 'HOURS')).toBeNull()
    expect(amountToDuration(-2, 'HOURS')).toBeNull()
    expect(amountToDuration(0.5, 'MINUTES')).toBeNull()
    expect(amountToDuration(null, 'MINUTES')).toBeNull()
  })

  it('goes there and back', () => {
    for (const iso of ['PT5M', 'PT15M', 'PT2H', 'PT24H', 'P1D', 'P3D', 'PT1H30M']) {
      const amount = durationToAmount(iso)!
      expect(parseDuration(amountToDuration(amount.value, amount.unit))).toEqual(parseDuration(iso))
    }
  })

  it('says a duration in words', () => {
    expect(formatDuration('PT2H', ZH_WORDS)).toBe('2 小时')
    expect(formatDuration('P1D', ZH_WORDS)).toBe('1 个工作日')
    expect(formatDuration('P2DT4H', ZH_WORDS)).toBe('2 个工作日 4 小时')
    expect(formatDuration('PT1H30M', ZH_WORDS)).toBe('1 小时 30 分钟')
    expect(formatDuration('PT0S', ZH_WORDS)).toBe('0 分钟')
    expect(formatDuration('nonsense', ZH_WORDS)).toBe('nonsense')
    expect(formatDuration(null, ZH_WORDS)).toBe('')
  })

  it('compares durations only where no calendar is needed', () => {
    expect(compareDurations('PT30M', 'PT8H')).toBeLessThan(0)
    expect(compareDurations('PT8H', 'PT30M')).toBeGreaterThan(0)
    expect(compareDurations('P2D', 'P1D')).toBeGreaterThan(0)
    expect(compareDurations('PT30M', 'P1D')).toBeNull()
    expect(compareDurations('PT30M', null)).toBeNull()
  })
})

describe('the service-content matrix', () => {
  const items = [
    item('BASIC', '系统维护服务 · 基础系统保障', [1, 2, 3, 4, 5]),
    item('HOT', '系统维护服务 · 应用保障', [1]),
    item('WARM', '系统维护服务 · 应用保障', [2]),
    item('BACKUP', '系统维护服务 · 数据保障', [1, 2, 3, 4]),
    item('DISPATCH', '运行监控服务 · 故障调度', [1, 2, 3, 4]),
    item('BP', '业务方（表1 注1）', [1, 2]),
  ]

  it('merges equal categories and groups', () => {
    const rows = matrixRows(items, false)
    expect(rows.map((r) => r.categorySpan)).toEqual([4, 0, 0, 0, 1, 1])
    expect(rows.map((r) => r.groupSpan)).toEqual([1, 2, 0, 1, 1, 1])
    expect(rows[1]).toMatchObject({ category: '系统维护服务', group: '应用保障', name: 'HOT 名称' })
    expect(rows[1].required).toEqual({ 1: true, 2: false, 3: false, 4: false, 5: false })
    expect(rows[5]).toMatchObject({ category: '业务方（表1 注1）', group: '' })
  })

  it('gives el-table the spans, a category without groups over both columns', () => {
    const rows = matrixRows(items, false)
    expect(matrixSpan(rows[0], 0)).toEqual([4, 1])
    expect(matrixSpan(rows[1], 0)).toEqual([0, 0])
    expect(matrixSpan(rows[1], 1)).toEqual([2, 1])
    expect(matrixSpan(rows[2], 1)).toEqual([0, 0])
    expect(matrixSpan(rows[5], 0)).toEqual([1, 2])
    expect(matrixSpan(rows[5], 1)).toEqual([0, 0])
    expect(matrixSpan(rows[3], 4)).toEqual([1, 1])
  })

  it('uses the English texts in English', () => {
    expect(matrixRows(items, true)[0]).toMatchObject({ category: 'System maintenance', name: 'BASIC name' })
  })
})

describe('the grading model', () => {
  it('evaluates like the server: the more demanding of impact level and real-time cap', () => {
    expect(evaluateModel(STANDARD, 'HIGH', 'VERY_HIGH', 'VERY_HIGH')).toEqual({ impact: 'MAJOR', impactLevel: 1, realtimeCap: 2, level: 1 })
    expect(evaluateModel(STANDARD, 'HIGH', 'LOW', 'LOW')).toEqual({ impact: 'NONE', impactLevel: 5, realtimeCap: 2, level: 2 })
    expect(evaluateModel(STANDARD, 'NOT_HIGH', 'MEDIUM', 'HIGH')?.level).toBe(3)
    expect(evaluateModel(STANDARD, 'LOW', 'LOW', 'LOW')?.level).toBe(5)
  })

  it('gives every one of the 48 combinations a level 1–5', () => {
    for (const r of REALTIME_REQUIREMENTS) for (const s of DEGREES) for (const d of DEGREES) expect(evaluateModel(STANDARD, r, s, d)?.level).toBeGreaterThanOrEqual(1)
  })

  it('names the missing cells of an edited model like the server', () => {
    const model = completeModel({ impact: { VERY_HIGH: { VERY_HIGH: 'MAJOR' } } } as unknown as GradingModel)
    const problems = modelProblems(model)
    expect(problems).toContain('impact.VERY_HIGH.HIGH')
    expect(problems).toContain('impactLevels.NONE')
    expect(problems).not.toContain('impact.VERY_HIGH.VERY_HIGH')
    expect(problems.some((p) => p.startsWith('realtimeCaps'))).toBe(false) // null caps are 不限
    expect(modelProblems(completeModel(STANDARD))).toEqual([])
  })

  it('knows an unchanged model', () => {
    const copy = completeModel(STANDARD)
    expect(sameModel(copy, STANDARD)).toBe(true)
    copy.realtimeCaps.NOT_HIGH = 2
    expect(sameModel(copy, STANDARD)).toBe(false)
  })
})

describe('gap figures', () => {
  it('counts systems with and without gaps per level, the ungraded last', () => {
    const figures = gapFigures([
      { level: 1, systems: 2, withGaps: 1, gaps: 3 },
      { level: 3, systems: 1, withGaps: 1, gaps: 1 },
      { level: 0, systems: 1, withGaps: 1, gaps: 1 },
    ])
    expect(figures.map((f) => f.level)).toEqual([1, 2, 3, 4, 5, 0])
    expect(figures[0]).toEqual({ level: 1, systems: 2, withGaps: 1, withoutGaps: 1, gapItems: 3 })
    expect(figures[5]).toEqual({ level: 0, systems: 1, withGaps: 1, withoutGaps: 0, gapItems: 1 })
    expect(figures[1].systems).toBe(0)
  })
})

describe('SLA policy definitions', () => {
  it('accepts a complete definition', () => {
    expect(checkPolicyDefinition(definition(general()))).toEqual([])
  })

  it('sends the general targets first, then the overrides in the contract’s order, with nulls for empty optional times', () => {
    const targets = [
      ...targetsFor('COMPLAINT').map((t) => ({ ...t, response: 'PT1H', resolution: 'P1D', onSite: '' })),
      ...general().reverse(),
      ...targetsFor('INCIDENT').map((t) => ({ ...t, response: 'PT10M', resolution: 'PT2H' })),
    ]
    const normal = normaliseDefinition(definition(targets, { holidayOnSite: ' ' }))
    expect(normal.targets.map((t) => `${t.ticketType ?? 'ALL'}${t.faultLevel}`)).toEqual([
      'ALL1', 'ALL2', 'ALL3', 'ALL4', 'INCIDENT1', 'INCIDENT2', 'INCIDENT3', 'INCIDENT4', 'COMPLAINT1', 'COMPLAINT2', 'COMPLAINT3', 'COMPLAINT4',
    ])
    expect(normal.targets[8].onSite).toBeNull()
    expect(normal.holidayOnSite).toBeNull()
    expect(overriddenTypes(normal)).toEqual(['INCIDENT', 'COMPLAINT'])
    expect(targetIndex(normal, 'INCIDENT', 2)).toBe(5)
    expect(locateTargetField(normal, 'targets[5].resolution')).toEqual({ type: 'INCIDENT', faultLevel: 2, column: 'resolution' })
    expect(locateTargetField(normal, 'targets[99]')).toBeNull()
    expect(locateTargetField(normal, 'calendar')).toBeNull()
    expect(targetCellKey('INCIDENT', 2, 'resolution')).toBe('INCIDENT.2.resolution')
    expect(targetCellKey(null, 1, null)).toBe('ALL.1')
  })

  it('names what is missing or wrong with the server’s field names', () => {
    const targets = general()
    targets[0].response = ''
    targets[1].resolution = 'soon'
    targets[2].response = 'PT9H'
    const override = targetsFor('SERVICE_REQUEST').slice(0, 3).map((t) => ({ ...t, response: 'PT1H', resolution: 'PT4H' }))
    const problems = checkPolicyDefinition(
      definition([...targets, ...override], { calendar: '', warnAt: [80, 50, 90, 95], escalations: [{ atPercent: 400, recipient: 'NOBODY' as never }] }),
    )
    const found = problems.map((p) => `${p.field}:${p.code}`)
    expect(found).toEqual(
      expect.arrayContaining([
        'calendar:calendarRequired',
        'targets[0].response:durationRequired',
        'targets[1].resolution:durationInvalid',
        'targets[2].response:responseAfterResolution',
        'targets.SERVICE_REQUEST:levelMissing',
        'warnAt:tooManyWarnings',
        'warnAt[1]:warningNotRising',
        'escalations[0]:escalationRange',
        'escalations[0]:escalationRecipient',
      ]),
    )
    expect(problems.find((p) => p.field === 'targets.SERVICE_REQUEST')?.params).toEqual({ n: 4 })
  })

  it('does not compare a response in minutes with a resolution in working days', () => {
    const targets = general().map((t) => ({ ...t, response: 'PT9H', resolution: 'P1D' }))
    expect(checkPolicyDefinition(definition(targets))).toEqual([])
  })
})

describe('locale texts of the service-level enums', () => {
  type Tree = { [key: string]: string | Tree }
  const has = (tree: Tree, path: string): boolean => {
    let node: string | Tree | undefined = tree
    for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined
    return typeof node === 'string' && node.trim() !== ''
  }

  it('exist in both languages for every value the UI shows', () => {
    const keys = [
      ...REALTIME_REQUIREMENTS.map((v) => `sl.realtime.${v}`),
      ...DEGREES.map((v) => `sl.degree.${v}`),
      ...IMPACTS.map((v) => `sl.impact.${v}`),
      ...PARTY_ROLES.flatMap((v) => [`sl.party.${v}`, `sl.partyHint.${v}`]),
      ...PROPOSAL_STATUSES.map((v) => `sl.proposalStatus.${v}`),
      ...PROPOSAL_KINDS.map((v) => `sl.proposalKind.${v}`),
      ...DECISIONS.map((v) => `sl.decision.${v}`),
      ...TICKET_TYPES.map((v) => `sl.ticketType.${v}`),
      ...LEVEL_CAUSES.map((v) => `sl.cause.${v}`),
      ...GAP_STATUSES.map((v) => `sl.gapStatus.${v}`),
      ...ESCALATION_RECIPIENTS.map((v) => `sl.recipient.${v}`),
      ...POLICY_KINDS.map((v) => `sl.policyKind.${v}`),
      ...['MINUTES', 'HOURS', 'DAYS'].map((v) => `sl.unit.${v}`),
      ...[1, 2, 3, 4, 5].map((v) => `sl.levelName.${v}`),
      ...['calendarRequired', 'durationRequired', 'durationInvalid', 'responseAfterResolution', 'levelMissing', 'tooManyWarnings', 'warningRange', 'warningNotRising', 'escalationRange', 'escalationRecipient'].map(
        (v) => `sl.policy.problem.${v}`,
      ),
      ...['systemMonitoring', 'applicationMonitoring', 'performanceSupport', 'statisticsReports', 'businessParty7x24'].flatMap((v) => [`sl.facts.${v}`, `sl.facts.${v}Hint`]),
    ]
    for (const key of keys) {
      expect(has(zhCN as Tree, key), `zh-CN ${key}`).toBe(true)
      expect(has(en as Tree, key), `en ${key}`).toBe(true)
    }
  })
})

describe('closing gaps', () => {
  it('points each matrix item to where it is closed', () => {
    expect(gapAction('HOT_STANDBY')).toBe('cmdb')
    expect(gapAction('BASIC')).toBe('cmdb')
    expect(gapAction('DATA_BACKUP')).toBe('facts')
    expect(gapAction('BUSINESS_PARTY_7X24')).toBe('facts')
    expect(gapAction('DISPATCH_OFF_HOURS')).toBe('service')
    expect(gapAction('RECOVERY')).toBe('service')
    expect(gapAction('SOMETHING_NEW')).toBeNull()
  })
})
