import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, toSortParam } from './format'
import { mapFieldErrors } from './fieldErrors'
import { ApiError } from '@/api/http'

describe('formatting', () => {
  it('shows instants as local YYYY-MM-DD HH:mm:ss', () => {
    const local = new Date(2026, 10, 22, 9, 5, 7)
    expect(formatDateTime(local.toISOString())).toBe('2026-11-22 09:05:07')
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime('not a date')).toBe('')
  })

  it('shows plain dates as they are', () => {
    expect(formatDate('2027-01-31')).toBe('2027-01-31')
  })

  it('maps el-table sorting to the API sort parameter', () => {
    expect(toSortParam('lastLoginAt', 'descending')).toBe('lastLoginAt,desc')
    expect(toSortParam('username', 'ascending')).toBe('username,asc')
    expect(toSortParam('username', null)).toBeUndefined()
  })
})

describe('server field errors', () => {
  it('go to the form item of their field, the rest to one message', () => {
    const error = new ApiError({
      status: 400,
      code: 'SYS-0001',
      errors: [
        { field: 'username', message: 'taken' },
        { field: 'roleIds', message: 'not allowed' },
        { field: 'somethingElse', message: 'odd' },
      ],
    })
    const { mapped, unmapped } = mapFieldErrors(error, ['username', 'roles'], { roleIds: 'roles' })
    expect(mapped).toEqual({ username: 'taken', roles: 'not allowed' })
    expect(unmapped).toEqual(['odd'])
  })

  it('go to the list an indexed member belongs to, and keep dotted fields whole', () => {
    const error = new ApiError({
      status: 400,
      code: 'SYS-0001',
      errors: [
        { field: 'options[2].value', message: 'duplicate' },
        { field: 'attributes.ip', message: 'not an address' },
        { field: 'tags[1]', message: 'too long' },
      ],
    })
    const { mapped, unmapped } = mapFieldErrors(error, ['options', 'attributes.ip', 'tags'])
    expect(mapped).toEqual({ options: 'duplicate', 'attributes.ip': 'not an address', tags: 'too long' })
    expect(unmapped).toEqual([])
  })
})
