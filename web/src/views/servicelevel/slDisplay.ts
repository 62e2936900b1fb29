import type { Decision, GapStatus, PolicyKind, ProposalStatus } from '@/api/servicelevel'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** Element Plus tag types of the service-level enums. */
export const PROPOSAL_STATUS_TAG: Record<ProposalStatus, TagType> = {
  PENDING: 'warning',
  CONFIRMED: 'success',
  REJECTED: 'danger',
  WITHDRAWN: 'info',
}

export const DECISION_TAG: Record<Decision, TagType> = {
  PENDING: 'info',
  CONFIRMED: 'success',
  REJECTED: 'danger',
}

export const GAP_STATUS_TAG: Record<GapStatus, TagType> = {
  MET: 'success',
  GAP: 'danger',
  NOT_REQUIRED: 'info',
  AWAITING_GRADING: 'info',
}

export const POLICY_KIND_TAG: Record<PolicyKind, TagType> = {
  SERVICE_GRADE: 'primary',
  CONTRACT: 'warning',
  GUARANTEE_LEVEL: 'danger',
  CUSTOM: 'success',
}

/** Routes of the service-level pages. */
export const systemRoute = (id: number, tab?: string) => ({ path: `/service-levels/systems/${id}`, query: tab ? { tab } : {} })
export const policyRoute = (code: string) => `/service-levels/policies/${encodeURIComponent(code)}`
