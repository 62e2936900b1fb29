import { describe, expect, it } from 'vitest'
import { addError, codeProblem, copyCode } from './definitions'

describe('definition helpers', () => {
  it('offers a copy code in the letter case of the original, within 50 characters', () => {
    expect(copyCode('HN-CONTRACT')).toBe('HN-CONTRACT-COPY')
    expect(copyCode('5x8')).toBe('5x8-copy')
    expect(copyCode('7x24')).toBe('7x24-copy')
    expect(copyCode('A'.repeat(50))).toHaveLength(50)
  })

  it('checks codes as the server does, pages of the kind included', () => {
    expect(codeProblem('summer-2026')).toBeNull()
    expect(codeProblem('bad code!')).toBe('pattern')
    expect(codeProblem('-x')).toBe('pattern')
    expect(codeProblem('new')).toBe('reserved')
    expect(codeProblem('Options')).toBe('reserved')
    expect(codeProblem('holidays', ['holidays'])).toBe('reserved')
    expect(codeProblem('holidays')).toBeNull()
  })

  it('joins the errors of one field with the language separator', () => {
    const errors: Record<string, string> = {}
    addError(errors, 'week', 'a', '; ')
    addError(errors, 'week', 'b', '; ')
    expect(errors.week).toBe('a; b')
  })
})
