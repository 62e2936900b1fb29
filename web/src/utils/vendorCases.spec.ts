import { describe, expect, it } from 'vitest'
import { VENDOR_CASE_ACTIONS, VENDOR_CASE_STATES } from '@/api/servicedesk'
import zhCN from '@/locales/zh-CN.json'
import { daysWithVendor, overdueWithVendor, stepNeeds, vendorActionKey, vendorHintKey, VENDOR_STATE_TAG } from './vendorCases'

const DAY = 86_400_000

describe('vendor cases', () => {
  const now = Date.parse('2026-12-07T08:00:00Z')

  it('names each verb and its hint with a locale key that exists', () => {
    expect(vendorActionKey('hand-over')).toBe('vendorCase.action.handOver')
    expect(vendorHintKey('reject-fix')).toBe('vendorCase.hint.rejectFix')
    const tree = zhCN as unknown as { vendorCase: { action: Record<string, string>; hint: Record<string, string>; state: Record<string, string> } }
    for (const action of VENDOR_CASE_ACTIONS) {
      expect(tree.vendorCase.action[vendorActionKey(action).split('.')[2]], action).toBeTruthy()
      expect(tree.vendorCase.hint[vendorHintKey(action).split('.')[2]], action).toBeTruthy()
    }
    for (const state of VENDOR_CASE_STATES) {
      expect(tree.vendorCase.state[state], state).toBeTruthy()
      expect(VENDOR_STATE_TAG[state], state).toBeTruthy()
    }
  })

  it('asks each step for what the server requires', () => {
    expect(stepNeeds('confirm')).toMatchObject({ confirmedBy: true, vendor: false, comment: 'optional' })
    expect(stepNeeds('hand-over')).toMatchObject({ vendor: true, vendorRef: true })
    expect(stepNeeds('fixed')).toMatchObject({ fixNote: true, vendorRef: true, vendor: false })
    expect(stepNeeds('reject-fix').comment).toBe('required')
    expect(stepNeeds('withdraw').comment).toBe('required')
    expect(stepNeeds('verify')).toEqual({ confirmedBy: false, vendor: false, fixNote: false, vendorRef: false, comment: 'optional' })
  })

  it('counts the days with the vendor while the vendor has the case', () => {
    const handedAt = new Date(now - 31 * DAY - 1000).toISOString()
    expect(daysWithVendor({ state: 'HANDED_OVER', handedAt }, now)).toBe(31)
    expect(overdueWithVendor({ state: 'HANDED_OVER', handedAt }, now)).toBe(true)
    expect(overdueWithVendor({ state: 'FIXED', handedAt: new Date(now - 30 * DAY).toISOString() }, now)).toBe(false)
    expect(daysWithVendor({ state: 'VERIFIED', handedAt }, now)).toBeNull()
    expect(daysWithVendor({ state: 'CONFIRMED', handedAt: null }, now)).toBeNull()
    expect(daysWithVendor({ state: 'HANDED_OVER', handedAt: new Date(now + DAY).toISOString() }, now)).toBe(0)
  })
})
