import { describe, expect, it } from 'vitest'
import { headerWidth, textWidth, twoLineWidth } from './columnWidth'

describe('column widths', () => {
  it('give a header room for its label on one line, in Chinese and English', () => {
    expect(headerWidth('重要程度')).toBeGreaterThanOrEqual(4 * 14 + 24)
    expect(headerWidth('Importance')).toBeGreaterThan(headerWidth('重要'))
    expect(headerWidth('Importance', { sortable: true })).toBe(headerWidth('Importance') + 24)
  })

  it('are at least what the cells need', () => {
    expect(headerWidth('ID', { min: 120 })).toBe(120)
    expect(headerWidth('Last verified', { min: 60 })).toBeGreaterThan(60)
  })

  it('measure CJK wider than Latin, capitals wider than small letters', () => {
    expect(textWidth('更新时间')).toBe(56)
    expect(textWidth('ABC')).toBeGreaterThan(textWidth('abc'))
    expect(textWidth('')).toBe(0)
  })

  it('may give a header two lines, broken between words only', () => {
    expect(twoLineWidth('Technical contractor')).toBe(Math.max(textWidth('Technical'), textWidth('contractor')))
    expect(twoLineWidth('Go-live date')).toBe(textWidth('Go-live'))
    expect(twoLineWidth('Organisation')).toBe(textWidth('Organisation'))
    expect(twoLineWidth('技术承办单位')).toBe(textWidth('技术承办单位'))
    expect(twoLineWidth('A b c d')).toBeGreaterThanOrEqual(textWidth('A b'))
    expect(headerWidth('Technical contractor', { wrap: true })).toBeLessThan(headerWidth('Technical contractor'))
  })
})
