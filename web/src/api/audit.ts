import { download, http, type Page, type PageQuery } from './http'

export type AuditOutcome = 'SUCCESS' | 'FAILURE'
export const AUDIT_OUTCOMES: AuditOutcome[] = ['SUCCESS', 'FAILURE']

/** Entries per day and the most frequent actions of a recent period. */
export interface AuditStatistics {
  days: { date: string; success: number; failure: number }[]
  topActions: { action: string; label: string; count: number }[]
}

export interface AuditEntry {
  id: number
  occurredAt: string
  userId: number | null
  username: string | null
  organisationId: number | null
  organisationName: string | null
  sourceIp: string | null
  action: string
  actionLabel: string
  targetType: string | null
  targetTypeLabel: string | null
  targetId: string | number | null
  summary: string | null
  outcome: AuditOutcome
}

export interface AuditFilter {
  from?: string
  to?: string
  username?: string
  action?: string
  targetType?: string
  targetId?: string
  outcome?: AuditOutcome | ''
}

/** Why a link of the audit chain is broken. */
export const AUDIT_PROBLEMS = ['CHANGED', 'LINK', 'MISSING', 'HEAD'] as const
export type AuditProblem = (typeof AUDIT_PROBLEMS)[number]

/** Entries fromId..toId (often one) fail the check for problem. */
export interface AuditBrokenLink {
  fromId: number
  toId: number
  problem: AuditProblem
}

export interface AuditVerification {
  intact: boolean
  entries: number
  /** The first entry that fails, or null when intact. */
  brokenAt: number | null
  /** How many entries fail in all. */
  brokenCount: number
  /** The first (up to 1,000) broken links in detail. */
  broken: AuditBrokenLink[]
  /** Entries written but not sealed into the chain yet (normally 0). */
  pending: number
  verifiedAt: string
}

export const auditApi = {
  list: (filter: AuditFilter, paging: PageQuery) => http.get<Page<AuditEntry>>('audit', { ...filter, ...paging }),
  actions: () => http.get<{ action: string; label: string }[]>('audit/actions'),
  statistics: (days: number) => http.get<AuditStatistics>('audit/statistics', { days }),
  targetTypes: () => http.get<{ targetType: string; label: string }[]>('audit/target-types'),
  verify: () => http.get<AuditVerification>('audit/verify'),
  export: (filter: AuditFilter, fallbackName: string) => download('audit/export', { ...filter }, fallbackName),
}
