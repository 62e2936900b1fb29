import { describe, expect, it } from 'vitest'
import type { Attribute, CiClassNode, Relation } from '@/api/cmdb'
import {
  allowedOtherClasses,
  attributePayload,
  canBeUnique,
  checkAttributeValue,
  checkImportFile,
  classGroup,
  classIsA,
  describeChange,
  className,
  documentsIncomplete,
  documentsPayload,
  flattenClasses,
  formatAttributeValue,
  formatChangeValue,
  groupDependencies,
  isIpAddress,
  isIpv4,
  isIpv6,
  isIsoDate,
  isPhysicalClass,
  optionLabel,
  relationAllowed,
  TEXT_MAX_LENGTH,
} from './cmdb'

function node(id: number, code: string, children: CiClassNode[] = [], physical = false): CiClassNode {
  return { id, code, parentId: null, name: `名称-${code}`, nameZh: `名称-${code}`, nameEn: code, builtIn: true, physical, ciCount: 0, children }
}

const forest: CiClassNode[] = [
  node(1, 'BUSINESS_SYSTEM'),
  node(2, 'HOST', [node(3, 'PHYSICAL_SERVER', [], true), node(4, 'VIRTUAL_MACHINE')]),
  node(5, 'INFRASTRUCTURE', [node(6, 'RACK', [node(7, 'SMALL_RACK')])], true),
  node(8, 'SOFTWARE', [node(9, 'DATABASE')]),
]

function attribute(overrides: Partial<Attribute>): Attribute {
  return {
    id: 1,
    classId: 1,
    code: 'x',
    name: '属性',
    nameZh: '属性',
    nameEn: 'Attribute',
    type: 'TEXT',
    required: false,
    unique: false,
    options: null,
    pattern: null,
    min: null,
    max: null,
    refClassCode: null,
    builtIn: false,
    sortOrder: null,
    inheritedFrom: null,
    version: 0,
    ...overrides,
  }
}

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}${JSON.stringify(params)}` : key)

describe('IP addresses', () => {
  it('accepts IPv4 and refuses what is not one', () => {
    expect(isIpv4('10.1.2.3')).toBe(true)
    expect(isIpv4('255.255.255.255')).toBe(true)
    expect(isIpv4('256.1.1.1')).toBe(false)
    expect(isIpv4('10.1.2')).toBe(false)
    expect(isIpv4('01.2.3.4')).toBe(false)
  })

  it('accepts the textual forms of IPv6', () => {
    for (const ok of ['2001:db8::1', '::1', '::', 'fe80::1%eth0', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:192.168.1.1', '1:2:3:4:5:6:7::']) {
      expect(isIpv6(ok), ok).toBe(true)
    }
    for (const bad of ['2001:db8::1::2', '12345::1', '1:2:3:4:5:6:7:8:9', 'gggg::1', '::ffff:999.1.1.1', '1:2:3:4:5:6:7', 'fe80::1%', '10.0.0.1']) {
      expect(isIpv6(bad), bad).toBe(false)
    }
    expect(isIpAddress('10.0.0.1')).toBe(true)
    expect(isIpAddress('host.example')).toBe(false)
  })
})

describe('attribute values', () => {
  it('check dates for being real calendar days', () => {
    expect(isIsoDate('2026-11-22')).toBe(true)
    expect(isIsoDate('2026-02-30')).toBe(false)
    expect(isIsoDate('2026/11/22')).toBe(false)
  })

  it('are required only when the attribute says so (false counts as a value)', () => {
    expect(checkAttributeValue(attribute({ required: false }), '')).toBeNull()
    expect(checkAttributeValue(attribute({ required: true, name: 'IP' }), '  ')).toEqual({ key: 'cmdb.valueError.required', params: { field: 'IP' } })
    expect(checkAttributeValue(attribute({ required: true, type: 'ENUM' }), null)?.key).toBe('cmdb.valueError.select')
    expect(checkAttributeValue(attribute({ required: true, type: 'BOOLEAN' }), false)).toBeNull()
  })

  it('are checked by type: pattern, range, date, IP, option', () => {
    const text = attribute({ type: 'TEXT', pattern: '[A-Z]{2}-\\d+' })
    expect(checkAttributeValue(text, 'AB-12')).toBeNull()
    expect(checkAttributeValue(text, 'xAB-12')?.key).toBe('cmdb.valueError.pattern')

    const number = attribute({ type: 'NUMBER', min: 1, max: 64 })
    expect(checkAttributeValue(number, 8)).toBeNull()
    expect(checkAttributeValue(number, 0)).toEqual({ key: 'cmdb.valueError.range', params: { min: 1, max: 64 } })
    expect(checkAttributeValue(attribute({ type: 'NUMBER', min: 1 }), 0)).toEqual({ key: 'cmdb.valueError.min', params: { min: 1 } })
    expect(checkAttributeValue(attribute({ type: 'NUMBER', max: 5 }), 6)).toEqual({ key: 'cmdb.valueError.max', params: { max: 5 } })
    expect(checkAttributeValue(attribute({ type: 'NUMBER' }), 'abc')?.key).toBe('cmdb.valueError.number')

    expect(checkAttributeValue(attribute({ type: 'DATE' }), '2026-13-01')?.key).toBe('cmdb.valueError.date')
    expect(checkAttributeValue(attribute({ type: 'IP' }), '10.0.0.300')?.key).toBe('cmdb.valueError.ip')
    expect(checkAttributeValue(attribute({ type: 'IP' }), ' 2001:db8::1 ')).toBeNull()

    const choice = attribute({ type: 'ENUM', options: [{ value: 'LINUX', labelZh: 'Linux', labelEn: 'Linux' }] })
    expect(checkAttributeValue(choice, 'LINUX')).toBeNull()
    expect(checkAttributeValue(choice, 'AIX')?.key).toBe('cmdb.valueError.option')
  })

  it('of type TEXT take as many characters as the server (2000, after trimming)', () => {
    expect(TEXT_MAX_LENGTH).toBe(2000)
    const text = attribute({ type: 'TEXT' })
    expect(checkAttributeValue(text, 'x'.repeat(2000))).toBeNull()
    expect(checkAttributeValue(text, ` ${'x'.repeat(2000)} `)).toBeNull()
    expect(checkAttributeValue(text, 'x'.repeat(2001))).toEqual({ key: 'validation.maxLength', params: { n: 2000 } })
  })

  it('may be unique except for ENUM and BOOLEAN attributes (as the server rules)', () => {
    expect(canBeUnique('ENUM')).toBe(false)
    expect(canBeUnique('BOOLEAN')).toBe(false)
    for (const type of ['TEXT', 'NUMBER', 'DATE', 'IP', 'CI', 'USER', 'ORGANISATION'] as const) expect(canBeUnique(type), type).toBe(true)
  })

  it('are formatted by type, preferring the labels the server sent', () => {
    const context = { t, language: 'zh-CN', organisationName: (id: number) => (id === 3 ? '信息中心' : null) }
    const choice = attribute({ code: 'os', type: 'ENUM', options: [{ value: 'LINUX', labelZh: '麒麟 Linux', labelEn: 'Kylin Linux', label: '麒麟 Linux' }] })
    expect(formatAttributeValue(choice, 'LINUX', context)).toBe('麒麟 Linux')
    expect(formatAttributeValue(choice, 'LINUX', { ...context, language: 'en' })).toBe('Kylin Linux')
    expect(formatAttributeValue(choice, 'AIX', context)).toBe('cmdb.unknownOption')
    expect(formatAttributeValue(attribute({ type: 'BOOLEAN' }), true, context)).toBe('common.yes')
    expect(formatAttributeValue(attribute({ type: 'BOOLEAN' }), false, context)).toBe('common.no')
    expect(formatAttributeValue(attribute({ type: 'ORGANISATION' }), 3, context)).toBe('信息中心')
    expect(formatAttributeValue(attribute({ code: 'host', type: 'CI' }), 42, { ...context, labels: { host: '核心数据库服务器' } })).toBe('核心数据库服务器')
    expect(formatAttributeValue(attribute({ type: 'USER' }), 7, context)).toBe('cmdb.referenceNumber{"id":"7"}')
    expect(formatAttributeValue(attribute({ type: 'NUMBER' }), 0, context)).toBe('0')
    expect(formatAttributeValue(attribute({ type: 'TEXT' }), null, context)).toBe('')
  })

  it('pick the label of the UI language, falling back to the other one', () => {
    expect(optionLabel({ value: 'A', labelZh: '甲', labelEn: '' }, 'en')).toBe('甲')
    expect(optionLabel({ value: 'A', labelZh: '', labelEn: '' }, 'zh-CN')).toBe('A')
  })

  it('are sent typed: only the class attributes, empties as null, ids and numbers as numbers', () => {
    const attributes = [
      attribute({ code: 'cpu', type: 'NUMBER' }),
      attribute({ code: 'ip', type: 'IP' }),
      attribute({ code: 'host', type: 'CI' }),
      attribute({ code: 'virtual', type: 'BOOLEAN' }),
      attribute({ code: 'note', type: 'TEXT' }),
    ]
    expect(attributePayload(attributes, { cpu: '8', ip: ' 10.0.0.1 ', host: 12, virtual: false, note: '', stale: 'x' })).toEqual({
      cpu: 8,
      ip: '10.0.0.1',
      host: 12,
      virtual: false,
      note: null,
    })
  })

  it('of history changes read naturally', () => {
    expect(formatChangeValue(null, t)).toBe('cmdb.history.blank')
    expect(formatChangeValue(true, t)).toBe('common.yes')
    expect(formatChangeValue(['生产', '信创'], t)).toBe('生产common.listSeparator信创')
    expect(formatChangeValue({ title: '采购合同', reference: 'HT-2026-01' }, t)).toBe('common.withDetail{"text":"采购合同","detail":"HT-2026-01"}')
    expect(formatChangeValue(16, t)).toBe('16')
  })
})

describe('history changes', () => {
  const attributes = [
    attribute({ code: 'os', name: '操作系统', type: 'ENUM', options: [{ value: 'KYLIN', labelZh: '银河麒麟', labelEn: 'Kylin' }] }),
    attribute({ code: 'xc', name: '信创', type: 'BOOLEAN' }),
  ]
  const context = { t, language: 'zh-CN', attributes, organisationName: (id: number) => (id === 2 ? '信息中心' : null) }

  it('keep the label the server sent', () => {
    expect(describeChange({ field: 'attributes.os', label: 'OS', before: null, after: 'KYLIN' }, context)).toEqual({
      label: 'OS',
      before: 'cmdb.history.blank',
      after: '银河麒麟',
    })
  })

  it('name the field themselves otherwise, and put values into words', () => {
    expect(describeChange({ field: 'status', before: 'IN_USE', after: 'MAINTENANCE' }, context)).toEqual({
      label: 'cmdb.ci.field.status',
      before: 'ciStatus.IN_USE',
      after: 'ciStatus.MAINTENANCE',
    })
    expect(describeChange({ field: 'importance', before: 'KEY', after: 'CORE' }, context).after).toBe('ciImportance.CORE')
    expect(describeChange({ field: 'organisationId', before: '2', after: '9' }, context)).toEqual({
      label: 'cmdb.ci.field.organisation',
      before: '信息中心',
      after: '9',
    })
    expect(describeChange({ field: 'attributes.xc', before: 'false', after: 'true' }, context)).toEqual({ label: '信创', before: 'common.no', after: 'common.yes' })
    expect(describeChange({ field: 'attributes.gone', before: 'a', after: 'b' }, context).label).toBe('gone')
    const local = new Date(2026, 10, 22, 9, 5, 7)
    expect(describeChange({ field: 'lastVerifiedAt', before: null, after: local.toISOString() }, context).after).toBe('2026-11-22 09:05:07')
  })
})

describe('class tree', () => {
  it('is flattened in tree order with depths', () => {
    expect(flattenClasses(forest).map((c) => `${c.depth}:${c.node.code}`)).toEqual([
      '0:BUSINESS_SYSTEM',
      '0:HOST',
      '1:PHYSICAL_SERVER',
      '1:VIRTUAL_MACHINE',
      '0:INFRASTRUCTURE',
      '1:RACK',
      '2:SMALL_RACK',
      '0:SOFTWARE',
      '1:DATABASE',
    ])
  })

  it('knows ancestry, groups, names and physical classes (inherited downwards)', () => {
    expect(classIsA(forest, 'VIRTUAL_MACHINE', 'HOST')).toBe(true)
    expect(classIsA(forest, 'HOST', 'VIRTUAL_MACHINE')).toBe(false)
    expect(classGroup(forest, 'SMALL_RACK')).toBe('INFRASTRUCTURE')
    expect(className(forest, 'DATABASE')).toBe('名称-DATABASE')
    expect(className(forest, 'UNKNOWN', '?')).toBe('?')
    expect(isPhysicalClass(forest, 3)).toBe(true)
    expect(isPhysicalClass(forest, 4)).toBe(false)
    expect(isPhysicalClass(forest, 7)).toBe(true)
    expect(isPhysicalClass(forest, null)).toBe(false)
  })
})

describe('relation rules', () => {
  const runsOn = { rules: [{ sourceClassCode: 'SOFTWARE', targetClassCode: 'HOST' }, { sourceClassCode: 'BUSINESS_SYSTEM', targetClassCode: 'HOST' }] }

  it('cover subclasses on both ends; no rules allow anything', () => {
    expect(relationAllowed(forest, runsOn, 'DATABASE', 'VIRTUAL_MACHINE')).toBe(true)
    expect(relationAllowed(forest, runsOn, 'VIRTUAL_MACHINE', 'DATABASE')).toBe(false)
    expect(relationAllowed(forest, { rules: [] }, 'RACK', 'DATABASE')).toBe(true)
  })

  it('name the classes the other end may have, by direction', () => {
    expect(allowedOtherClasses(forest, runsOn, 'DATABASE', 'OUT')).toEqual(['HOST'])
    expect(allowedOtherClasses(forest, runsOn, 'PHYSICAL_SERVER', 'IN')).toEqual(['SOFTWARE', 'BUSINESS_SYSTEM'])
    expect(allowedOtherClasses(forest, runsOn, 'PHYSICAL_SERVER', 'OUT')).toEqual([])
    expect(allowedOtherClasses(forest, { rules: null }, 'RACK', 'OUT')).toBeNull()
  })
})

describe('import files', () => {
  it('must be xlsx files of at most the limit', () => {
    expect(checkImportFile({ name: '主机.xlsx', size: 1000 }, 20)).toBe('tooLarge')
    expect(checkImportFile({ name: '主机.XLSX', size: 10 }, 20)).toBeNull()
    expect(checkImportFile({ name: '主机.xls', size: 10 }, 20)).toBe('unsupportedFile')
    expect(checkImportFile({ name: '主机.csv', size: 10 }, 20)).toBeNull()
    expect(checkImportFile({ name: '主机.CSV', size: 10 }, 20)).toBeNull()
    expect(checkImportFile({ name: '主机.txt', size: 10 }, 20)).toBe('unsupportedFile')
    expect(checkImportFile({ name: 'a.xlsx', size: 0 }, 20)).toBe('emptyFile')
  })
})

describe('business system dependencies', () => {
  function relation(id: number, type: string, sourceId: number, targetId: number, extra: Partial<Relation> = {}): Relation {
    return {
      id,
      type,
      typeLabel: type,
      sourceId,
      sourceCode: `S${sourceId}`,
      sourceName: `系统${sourceId}`,
      sourceClassCode: 'BUSINESS_SYSTEM',
      targetId,
      targetCode: `S${targetId}`,
      targetName: `系统${targetId}`,
      targetClassCode: 'BUSINESS_SYSTEM',
      standbyMode: null,
      notes: null,
      createdAt: '2026-11-22T03:00:00Z',
      createdBy: null,
      ...extra,
    }
  }

  it('are sorted into depends on / depended on by / supports / supported by', () => {
    const groups = groupDependencies(1, [
      relation(10, 'DEPENDS_ON', 1, 2),
      relation(11, 'DEPENDS_ON', 3, 1),
      relation(12, 'SUPPORTS', 1, 4),
      relation(13, 'SUPPORTS', 5, 1, { visible: false, sourceName: null }),
      relation(14, 'CONTAINS', 1, 6),
    ])
    expect(groups.dependsOn.map((l) => l.id)).toEqual([2])
    expect(groups.dependedOnBy.map((l) => l.id)).toEqual([3])
    expect(groups.supports.map((l) => l.name)).toEqual(['系统4'])
    expect(groups.supportedBy).toEqual([{ relationId: 13, id: 5, code: 'S5', name: null, visible: false, label: 'SUPPORTS' }])
    expect(groups.other.map((l) => l.id)).toEqual([6])
  })
})

describe('documents of a CI', () => {
  it('need a title; the reference is optional', () => {
    expect(documentsIncomplete([{ title: '采购合同', reference: '' }])).toBe(false)
    expect(documentsIncomplete([{ title: '采购合同', reference: 'HT-2026-01' }])).toBe(false)
    expect(documentsIncomplete([{ title: '  ', reference: '' }])).toBe(false)
    expect(documentsIncomplete([{ title: ' ', reference: 'HT-2026-01' }])).toBe(true)
  })

  it('are sent trimmed, without empty rows, an empty reference as null', () => {
    expect(
      documentsPayload([
        { title: ' 采购合同 ', reference: ' HT-2026-01 ' },
        { title: '维保手册', reference: '  ' },
        { title: '', reference: '' },
      ]),
    ).toEqual([
      { title: '采购合同', reference: 'HT-2026-01' },
      { title: '维保手册', reference: null },
    ])
  })
})
