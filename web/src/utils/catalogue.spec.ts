import { describe, expect, it } from 'vitest'
import type { CatalogueField } from '@/api/servicedesk'
import { newTicketOf, type TicketForm } from './servicedesk'
import { answerText, blankValues, byCategory, definitionProblems, fieldLabel, formValuesOf, isIsoDate, itemName, moved, newField, valueProblem } from './catalogue'

const field = (kind: CatalogueField['kind'], required = false, options: string[] = []): CatalogueField => ({
  key: 'x',
  label: '字段',
  labelEn: 'Field',
  kind,
  required,
  options,
  hint: null,
})

describe('valueProblem (mirrors the server’s CatalogueForm.checkValues)', () => {
  it('asks for required values, a blank one included', () => {
    expect(valueProblem(field('TEXT', true), '')).toBe('required')
    expect(valueProblem(field('TEXT', true), '   ')).toBe('required')
    expect(valueProblem(field('TEXT', true), undefined)).toBe('required')
    expect(valueProblem(field('TEXT', false), '')).toBeNull()
    expect(valueProblem(field('TEXT', true), ' 张三 ')).toBeNull()
  })

  it('a required checkbox must be ticked; an optional one may stay unticked', () => {
    expect(valueProblem(field('CHECKBOX', true), false)).toBe('required')
    expect(valueProblem(field('CHECKBOX', true), true)).toBeNull()
    expect(valueProblem(field('CHECKBOX', true), 'TRUE')).toBeNull()
    expect(valueProblem(field('CHECKBOX', false), false)).toBeNull()
    expect(valueProblem(field('CHECKBOX', false), 'yes')).toBe('invalid')
  })

  it('limits the length by kind', () => {
    expect(valueProblem(field('TEXT'), 'x'.repeat(200))).toBeNull()
    expect(valueProblem(field('TEXT'), 'x'.repeat(201))).toBe('tooLong')
    expect(valueProblem(field('TEXTAREA'), 'x'.repeat(2000))).toBeNull()
    expect(valueProblem(field('TEXTAREA'), 'x'.repeat(2001))).toBe('tooLong')
  })

  it('reads numbers as the server does', () => {
    for (const good of ['0', '-3', '+1.5', '.5', '1.', '1e3', '12345678901234567890']) expect(valueProblem(field('NUMBER'), good), good).toBeNull()
    for (const bad of ['1,5', '1.2.3', 'NaN', 'Infinity', '0x10', '1 000', '三']) expect(valueProblem(field('NUMBER'), bad), bad).toBe('invalid')
  })

  it('takes real days written yyyy-MM-dd only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2026-02-30')).toBe(false)
    expect(isIsoDate('2026-1-5')).toBe(false)
    expect(isIsoDate('2026/01/05')).toBe(false)
    expect(valueProblem(field('DATE'), '2026-13-01')).toBe('invalid')
    expect(valueProblem(field('DATE'), '2026-12-31')).toBeNull()
  })

  it('takes one of the options, spaces aside', () => {
    const select = field('SELECT', true, ['忘记密码', '账号锁定'])
    expect(valueProblem(select, ' 账号锁定 ')).toBeNull()
    expect(valueProblem(select, '想换一个')).toBe('invalid')
  })

  it('takes phone numbers of 5 to 30 digits, spaces, +, - and brackets', () => {
    expect(valueProblem(field('PHONE'), '0371-6666 8888')).toBeNull()
    expect(valueProblem(field('PHONE'), '+86 (10) 1234')).toBeNull()
    expect(valueProblem(field('PHONE'), '1234')).toBe('invalid')
    expect(valueProblem(field('PHONE'), 'call me')).toBe('invalid')
  })
})

describe('formValuesOf', () => {
  it('trims, leaves blanks out, keeps checkboxes as booleans and only the form’s keys', () => {
    const fields = [
      { ...field('TEXT'), key: 'account' },
      { ...field('TEXT'), key: 'note' },
      { ...field('CHECKBOX'), key: 'checked' },
    ]
    expect(formValuesOf(fields, { account: ' zhangsan ', note: '  ', checked: false, stray: 'x' })).toEqual({ account: 'zhangsan', checked: false })
    expect(blankValues(fields)).toEqual({ account: '', note: '', checked: false })
  })
})

describe('definitionProblems (mirrors CatalogueForm.checkDefinition)', () => {
  it('names each bad field where the server does', () => {
    const problems = definitionProblems([
      { key: 'name', label: '姓名', kind: 'TEXT', options: [] },
      { key: 'Name', label: '重复', kind: 'TEXT', options: [] },
      { key: '1st', label: ' ', kind: undefined, options: [] },
      { key: 'pick', label: '选择', kind: 'SELECT', options: [] },
      { key: 'twice', label: '重复选项', kind: 'SELECT', options: ['是', ' 是 '] },
      { key: 'long', label: '长', labelEn: 'x'.repeat(51), hint: 'y'.repeat(201), kind: 'TEXT', options: [] },
    ])
    expect(problems).toEqual({
      'fields[1].key': 'duplicateKey',
      'fields[2].key': 'badKey',
      'fields[2].label': 'labelRequired',
      'fields[2].kind': 'kindRequired',
      'fields[3].options': 'badOptions',
      'fields[4].options': 'badOptions',
      'fields[5].labelEn': 'tooLong',
      'fields[5].hint': 'tooLong',
    })
  })

  it('refuses more than thirty fields as a whole', () => {
    const many = Array.from({ length: 31 }, (_, i) => ({ ...field('TEXT'), key: `f${i}` }))
    expect(definitionProblems(many)).toEqual({ fields: 'tooLong' })
    expect(definitionProblems(many.slice(0, 30))).toEqual({})
  })
})

describe('editor helpers', () => {
  it('offers a free key for a new field', () => {
    expect(newField([]).key).toBe('field1')
    expect(newField([{ key: 'field2' }]).key).toBe('field3')
    expect(newField([{ key: 'a' }, { key: 'FIELD3' }]).key).toBe('field4')
  })

  it('moves rows up and down, not beyond the ends', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
  })

  it('names in the locale and groups by category', () => {
    expect(fieldLabel({ label: '账号', labelEn: 'Account' }, 'en')).toBe('Account')
    expect(fieldLabel({ label: '账号', labelEn: null }, 'en')).toBe('账号')
    expect(fieldLabel({ label: '账号', labelEn: 'Account' }, 'zh-CN')).toBe('账号')
    expect(itemName({ name: '密码重置', nameEn: 'Reset a password' }, 'en')).toBe('Reset a password')
    const groups = byCategory([{ category: null }, { category: '账号权限' }, { category: '人员变动' }, { category: '账号权限' }], '其他')
    expect(groups.map((g) => [g.category, g.items.length])).toEqual([
      ['账号权限', 2],
      ['人员变动', 1],
      ['其他', 1],
    ])
    expect(answerText({ kind: 'CHECKBOX', value: 'true' }, '是', '否')).toBe('是')
    expect(answerText({ kind: 'CHECKBOX', value: 'false' }, '是', '否')).toBe('否')
    expect(answerText({ kind: 'TEXT', value: 'x' }, '是', '否')).toBe('x')
  })
})

describe('newTicketOf with a catalogue item', () => {
  const form: TicketForm = {
    type: 'SERVICE_REQUEST',
    faultLevel: null,
    title: '密码重置',
    description: '',
    caller: 'contact',
    requesterId: null,
    contactName: '张科长',
    contactPhone: '13800000000',
    contactUnit: '',
    businessSystemId: null,
    ciIds: [],
    channel: 'HOTLINE',
    reportedAt: null,
    onSiteRequired: false,
    acceptNow: true,
  }

  it('sends the item and its values, only with an item', () => {
    const fields = [
      { ...field('TEXT', true), key: 'account' },
      { ...field('CHECKBOX', true), key: 'identityChecked' },
    ]
    const body = newTicketOf({ ...form, catalogueItemId: 2, formValues: { account: ' zhangsan ', identityChecked: true } }, fields)
    expect(body.catalogueItemId).toBe(2)
    expect(body.formValues).toEqual({ account: 'zhangsan', identityChecked: true })
    const plain = newTicketOf(form)
    expect(plain.catalogueItemId).toBeUndefined()
    expect(plain.formValues).toBeUndefined()
  })
})
