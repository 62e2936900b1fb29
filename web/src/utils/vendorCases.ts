import type { VendorCase, VendorCaseAction, VendorCaseState } from '@/api/servicedesk'

/**
 * Rules the vendor-case screens share (R-DSK-09): the words' keys, the tags' colours, what each
 * step asks for and how long a case has been with the vendor.
 */

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** After this many days with the vendor a case is shown as overdue. */
export const VENDOR_OVERDUE_DAYS = 30

/** The locale key of a step verb (`hand-over` → `vendorCase.action.handOver`). */
export function vendorActionKey(action: VendorCaseAction | string): string {
  return `vendorCase.action.${action.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`
}

/** The locale key of a step's hint (`reject-fix` → `vendorCase.hint.rejectFix`). */
export function vendorHintKey(action: VendorCaseAction | string): string {
  return vendorActionKey(action).replace('.action.', '.hint.')
}

export const VENDOR_STATE_TAG: Record<VendorCaseState, TagType> = {
  DRAFTED: 'warning',
  CONFIRMED: 'primary',
  HANDED_OVER: 'danger',
  FIXED: 'primary',
  VERIFIED: 'success',
  WITHDRAWN: 'info',
}

/** What the dialog of a step asks for: `required` fields, optional ones, or none. */
export interface StepNeeds {
  confirmedBy: boolean
  vendor: boolean
  fixNote: boolean
  /** The vendor's reference is asked at hand-over and may be corrected when the fix comes. */
  vendorRef: boolean
  comment: 'required' | 'optional'
}

export function stepNeeds(action: VendorCaseAction): StepNeeds {
  return {
    confirmedBy: action === 'confirm',
    vendor: action === 'hand-over',
    fixNote: action === 'fixed',
    vendorRef: action === 'hand-over' || action === 'fixed',
    comment: action === 'reject-fix' || action === 'withdraw' ? 'required' : 'optional',
  }
}

/** Buttons: the step forward is primary, sending back a warning, withdrawing a plain danger. */
export function stepButtonType(action: VendorCaseAction): 'primary' | 'success' | 'warning' | 'danger' {
  if (action === 'verify') return 'success'
  if (action === 'reject-fix') return 'warning'
  if (action === 'withdraw') return 'danger'
  return 'primary'
}

/**
 * Whole days since the case was handed to the vendor while it is there (handed over or fixed but
 * not yet verified); null before it was handed over and once it is finished.
 */
export function daysWithVendor(c: Pick<VendorCase, 'state' | 'handedAt'>, now: number = Date.now()): number | null {
  if (!c.handedAt || (c.state !== 'HANDED_OVER' && c.state !== 'FIXED')) return null
  const handed = new Date(c.handedAt).getTime()
  if (Number.isNaN(handed)) return null
  return Math.max(0, Math.floor((now - handed) / 86_400_000))
}

/** True when the vendor has had the case for more than {@link VENDOR_OVERDUE_DAYS} days. */
export function overdueWithVendor(c: Pick<VendorCase, 'state' | 'handedAt'>, now: number = Date.now()): boolean {
  const days = daysWithVendor(c, now)
  return days !== null && days > VENDOR_OVERDUE_DAYS
}
