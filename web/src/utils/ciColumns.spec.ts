import { describe, expect, it } from 'vitest'
import {
  attributeCodeOf,
  attributeColumn,
  availableColumns,
  columnsStorageKey,
  CORE_COLUMNS,
  CLASS_CORE_COLUMNS,
  DEFAULT_CORE_COLUMNS,
  defaultColumns,
  loadColumns,
  saveColumns,
  SORTABLE_COLUMNS,
} from './ciColumns'

class MemoryStorage {
  readonly items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
}

const serverAttributes = [
  { code: 'ip', required: true },
  { code: 'cpu', required: false },
  { code: 'os', required: true },
  { code: 'memory', required: false },
  { code: 'rack', required: true },
  { code: 'room', required: true },
]

describe('CI list columns', () => {
  it('offer the core fields, then the class attributes', () => {
    const available = availableColumns(serverAttributes)
    expect(available.slice(0, CORE_COLUMNS.length)).toEqual([...CORE_COLUMNS])
    expect(available.slice(CORE_COLUMNS.length)).toEqual(['attr:ip', 'attr:cpu', 'attr:os', 'attr:memory', 'attr:rack', 'attr:room'])
    expect(attributeCodeOf(attributeColumn('ip'))).toBe('ip')
    expect(attributeCodeOf('status')).toBeNull()
  })

  it('default to the usual core fields, or with a class to fewer core fields and up to two required attributes', () => {
    expect(defaultColumns(serverAttributes)).toEqual([...CLASS_CORE_COLUMNS, 'attr:ip', 'attr:os'])
    expect(defaultColumns([{ code: 'a', required: false }])).toEqual([...CLASS_CORE_COLUMNS, 'attr:a'])
    expect(defaultColumns([])).toEqual(DEFAULT_CORE_COLUMNS)
  })

  it('are remembered per class and restored in display order', () => {
    const storage = new MemoryStorage()
    const available = availableColumns(serverAttributes)
    saveColumns(storage, 'PHYSICAL_SERVER', ['attr:cpu', 'status', 'code'])
    expect(storage.getItem(columnsStorageKey('PHYSICAL_SERVER'))).toBe('["attr:cpu","status","code"]')
    expect(loadColumns(storage, 'PHYSICAL_SERVER', available, defaultColumns(serverAttributes))).toEqual(['code', 'status', 'attr:cpu'])
    // another class has its own choice (the defaults until one is made)
    expect(loadColumns(storage, 'VIRTUAL_MACHINE', available, ['code'])).toEqual(['code'])
    // "no class selected" is a key of its own
    expect(columnsStorageKey(null)).not.toBe(columnsStorageKey('PHYSICAL_SERVER'))
  })

  it('drop remembered columns the class no longer has, and keep an empty choice', () => {
    const storage = new MemoryStorage()
    saveColumns(storage, 'HOST', ['attr:gone', 'owner', 'ownerName'])
    expect(loadColumns(storage, 'HOST', availableColumns([]), ['code'])).toEqual(['ownerName'])
    saveColumns(storage, 'HOST', [])
    expect(loadColumns(storage, 'HOST', availableColumns([]), ['code'])).toEqual([])
  })

  it('fall back to the defaults when the stored value is unreadable or storage is unavailable', () => {
    const storage = new MemoryStorage()
    storage.setItem(columnsStorageKey('HOST'), '{not json')
    expect(loadColumns(storage, 'HOST', availableColumns([]), ['code', 'status'])).toEqual(['code', 'status'])
    storage.setItem(columnsStorageKey('HOST'), '{"a":1}')
    expect(loadColumns(storage, 'HOST', availableColumns([]), ['status'])).toEqual(['status'])
    expect(loadColumns(null, 'HOST', availableColumns([]), ['status'])).toEqual(['status'])
    const broken = { setItem: () => { throw new Error('quota') }, getItem: () => { throw new Error('denied') } }
    expect(() => saveColumns(broken, 'HOST', ['code'])).not.toThrow()
    expect(loadColumns(broken, 'HOST', availableColumns([]), ['status'])).toEqual(['status'])
  })
})

describe('sorting', () => {
  it('lets the importance column be sorted by the server (CORE → KEY → GENERAL)', () => {
    expect(SORTABLE_COLUMNS.has('importance')).toBe(true)
    expect(DEFAULT_CORE_COLUMNS).toContain('importance')
  })
})
