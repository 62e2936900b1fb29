import { download, http, type Page, type PageQuery } from './http'
import { definitionApi, type DefinitionHeader, type DefinitionListQuery, type DefinitionOption, type DefinitionVersionFields } from './definitions'

/**
 * Service levels (docs/api/service-levels.md): guarantee-level grading with the four-party
 * confirmation (`/api/v1/grading`), the service picture of business systems, the HS/T 42 matrix,
 * the GB/T 34077.3 service grades and the gap overview (`/api/v1/service-levels`), and SLA
 * policies (`/api/v1/sla-policies`). Durations are ISO-8601 working time (`PT30M`, `PT8H`, `P1D` =
 * one working day of the policy's calendar).
 */

// ---------------------------------------------------------------- enums

/** 实时性要求. */
export const REALTIME_REQUIREMENTS = ['HIGH', 'NOT_HIGH', 'LOW'] as const
export type RealtimeRequirement = (typeof REALTIME_REQUIREMENTS)[number]

/** 业务敏感度 and 业务依赖度, most demanding first. */
export const DEGREES = ['VERY_HIGH', 'HIGH', 'MEDIUM', 'LOW'] as const
export type Degree = (typeof DEGREES)[number]

/** 系统影响度, largest first. */
export const IMPACTS = ['MAJOR', 'LARGE', 'OBVIOUS', 'SLIGHT', 'NONE'] as const
export type SystemImpact = (typeof IMPACTS)[number]

/** The four parties who confirm a grading, in the order the server lists them. */
export const PARTY_ROLES = ['BUSINESS_PARTY', 'TECHNICAL_AUTHORITY', 'TECHNICAL_UNDERTAKER', 'OM_PARTY'] as const
export type PartyRole = (typeof PARTY_ROLES)[number]

export const PROPOSAL_STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED', 'WITHDRAWN'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]

export const PROPOSAL_KINDS = ['INITIAL', 'REGRADE'] as const
export type ProposalKind = (typeof PROPOSAL_KINDS)[number]

export const DECISIONS = ['PENDING', 'CONFIRMED', 'REJECTED'] as const
export type Decision = (typeof DECISIONS)[number]

export const TICKET_TYPES = ['INCIDENT', 'SERVICE_REQUEST', 'CONSULTATION', 'COMPLAINT', 'REQUIREMENT'] as const
export type TicketType = (typeof TICKET_TYPES)[number]

export const LEVEL_CAUSES = ['GRADING', 'INHERITED', 'INHERITANCE_ENDED'] as const
export type LevelCause = (typeof LEVEL_CAUSES)[number]

export const GAP_STATUSES = ['MET', 'GAP', 'NOT_REQUIRED', 'AWAITING_GRADING'] as const
export type GapStatus = (typeof GAP_STATUSES)[number]

export const ESCALATION_RECIPIENTS = ['SECOND_LINE', 'OM_MANAGER', 'SERVICE_DESK', 'CLIENT'] as const
export type EscalationRecipient = (typeof ESCALATION_RECIPIENTS)[number]

export const POLICY_KINDS = ['SERVICE_GRADE', 'CONTRACT', 'GUARANTEE_LEVEL', 'CUSTOM'] as const
export type PolicyKind = (typeof POLICY_KINDS)[number]

/** Guarantee levels, 1 the highest; service grades 1–4; fault levels 1–4. */
export const GUARANTEE_LEVELS = [1, 2, 3, 4, 5] as const
export const SERVICE_GRADES = [1, 2, 3, 4] as const
export const FAULT_LEVELS = [1, 2, 3, 4] as const

/** The policy of a system without a level (and of tickets without a system). */
export const DEFAULT_POLICY = 'HN-CONTRACT'

// ---------------------------------------------------------------- grading

export interface GradingModel {
  /** Impact by sensitivity, then by dependence. */
  impact: Record<Degree, Record<Degree, SystemImpact>>
  /** The level (1–5) each impact calls for. */
  impactLevels: Record<SystemImpact, number>
  /** The least demanding level a real-time requirement allows; null: no cap. */
  realtimeCaps: Record<RealtimeRequirement, number | null>
}

export interface ModelVersion {
  version: number
  model: GradingModel
  note: string | null
  createdAt: string
  createdBy: number | null
}

export interface ModelUpdateInput extends GradingModel {
  note?: string | null
}

export interface EvaluateInput {
  realtime: RealtimeRequirement
  sensitivity: Degree
  dependence: Degree
}

export interface Evaluation {
  impact: SystemImpact
  impactLevel: number
  realtimeCap: number | null
  level: number
  modelVersion: number
}

export interface Factors {
  realtime: RealtimeRequirement | null
  realtimeReason: string | null
  sensitivity: Degree | null
  sensitivityReason: string | null
  dependence: Degree | null
  dependenceReason: string | null
}

export interface PartyDecision {
  role: PartyRole
  userId: number
  userName: string | null
  decision: Decision
  comment: string | null
  decidedAt: string | null
}

export interface Proposal {
  id: number
  systemId: number
  systemName: string
  kind: ProposalKind
  status: ProposalStatus
  factors: Factors
  impact: SystemImpact
  level: number
  modelVersion: number
  reason: string | null
  proposedBy: number
  proposedByName: string | null
  proposedAt: string
  decidedAt: string | null
  parties: PartyDecision[]
  /** The caller is a named party who has not decided yet (and the proposal is pending). */
  awaitingMe: boolean
}

export interface NewProposalInput {
  systemId: number
  factors: Factors
  /** Required for a re-grading (the system already has a level). */
  reason: string | null
  parties: Record<PartyRole, number | null>
}

export interface ProposalQuery extends PageQuery {
  status?: ProposalStatus | null
  systemId?: number | null
}

export interface DecisionInput {
  decision: Exclude<Decision, 'PENDING'>
  /** Required to reject. */
  comment: string | null
}

// ---------------------------------------------------------------- systems, matrix, grades

/** A guarantee level of HS/T 42 (a row of `GET /matrix` levels). */
export interface GuaranteeLevel {
  level: number
  nameZh: string
  nameEn: string
  /** `7x24` or `5x8`. */
  serviceHours: string
  /** Recovery deadline after a major fault (ISO working time). */
  recovery: string
  realtime: RealtimeRequirement
  impact: SystemImpact
  contentZh: string
  contentEn: string
  characteristicsZh: string
  characteristicsEn: string
}

/** How a matrix item is judged (R-GRD-09). */
export const GAP_CHECKS = [
  'COMPONENTS',
  'STANDBY_HOT',
  'STANDBY_WARM',
  'STANDBY_COLD',
  'BACKUP',
  'SYSTEM_MONITORING',
  'PERFORMANCE',
  'APPLICATION_MONITORING',
  'POLICY',
  'ROUND_THE_CLOCK',
  'REPORTS',
  'RECOVERY',
  'BUSINESS_PARTY_7X24',
] as const
export type GapCheck = (typeof GAP_CHECKS)[number]

/** A row of HS/T 42 Table 1: the levels that require it (◆). */
export interface MatrixItem {
  code: string
  check: GapCheck
  levels: number[]
  groupZh: string
  groupEn: string
  nameZh: string
  nameEn: string
}

export interface Matrix {
  source: string
  levels: GuaranteeLevel[]
  items: MatrixItem[]
}

/** A service grade of GB/T 34077.3 §5.3.6 (`response`/`onSite` null: resident, immediate). */
export interface ServiceGrade {
  grade: number
  acceptanceHours: string
  response: string | null
  onSite: string | null
  recovery: string
  responseZh: string
  responseEn: string
  onSiteZh: string
  onSiteEn: string
  sparesZh: string
  sparesEn: string
  inspectionZh: string
  inspectionEn: string
  supportZh: string
  supportEn: string
}

export interface SystemSummary {
  id: number
  code: string
  name: string
  organisationId: number
  organisationName: string | null
  applicationSupport: boolean
  /** The level the four parties confirmed (null: never graded). */
  gradedLevel: number | null
  /** The effective level: graded, or inherited for application-support systems. */
  level: number | null
  inheritedFrom: number | null
  inheritedFromName: string | null
  serviceGrade: number | null
  serviceGradeDerived: boolean
  slaPolicy: string
  slaPolicyName: string
  slaPolicyDerived: boolean
  /** Calendar code of the policy in force. */
  calendar: string
  /** The calendar's name in the reader's language. */
  calendarName: string
  pendingProposalId: number | null
  /** Gaps; an ungraded system has one: not graded yet. */
  gapCount: number
  levelUpdatedAt: string | null
}

export interface SystemQuery {
  organisationId?: number | null
  /** 1–5, 0 = not graded. */
  level?: number | null
  q?: string
  onlyGaps?: boolean | null
}

/** A page of the systems overview: paged, sorted (`name`, `code`, `organisationName`, `level`, `serviceGrade`, `slaPolicy`, `gapCount`, `levelUpdatedAt`) and filtered on the server. */
export interface SystemPageQuery extends SystemQuery, PageQuery {}

/** Per guarantee level (0: not graded) for the same filters: systems, systems with gaps, gaps. */
export interface LevelFigures {
  level: number
  systems: number
  withGaps: number
  gaps: number
}

export interface Facts {
  backupPolicy: string | null
  monitoringRequirements: string | null
  systemMonitoring: boolean
  applicationMonitoring: boolean
  performanceSupport: boolean
  statisticsReports: boolean
  businessParty7x24: boolean
  updatedAt?: string | null
  updatedBy?: number | null
}

export type FactsInput = Omit<Facts, 'updatedAt' | 'updatedBy'>

export interface IncidentTarget {
  faultLevel: number
  response: string
  onSite: string | null
  resolution: string
  updateInterval: string | null
}

export interface Gap {
  code: string
  /** In the request's language. */
  group: string
  name: string
  required: boolean
  status: GapStatus
  /** Why, in the request's language. */
  finding: string
}

export interface LevelHistoryEntry {
  level: number | null
  previousLevel: number | null
  cause: LevelCause
  /** In the request's language. */
  causeLabel: string
  gradingId: number | null
  causeSystemId: number | null
  causeSystemName: string | null
  detail: string | null
  changedAt: string
  changedBy: number | null
}

/** The parties as the CMDB records them (attributes of the business system). */
export interface SystemParties {
  category: string | null
  businessParty: string | null
  technicalAuthority: string | null
  technicalUndertaker: string | null
  omParty: string | null
  goLiveDate: string | null
  applicationSupport: boolean | null
}

export interface SystemDetail {
  system: SystemSummary
  /** The level's row of the matrix; null without a level. */
  standard: GuaranteeLevel | null
  facts: Facts
  incidentTargets: IncidentTarget[]
  gaps: Gap[]
  history: LevelHistoryEntry[]
  proposals: Proposal[]
  parties: SystemParties
}

export interface ServiceAssignment {
  /** 1–4, null: derived from the level. */
  serviceGrade: number | null
  /** Policy code, null: derived from the level. */
  slaPolicy: string | null
}

export interface GapExportQuery {
  organisationId?: number | null
  level?: number | null
  /** Name or code contains. */
  q?: string | null
  onlyGaps?: boolean | null
}

// ---------------------------------------------------------------- SLA policies

export interface SlaTarget {
  /** Null: every type without targets of its own. */
  ticketType: TicketType | null
  faultLevel: number
  response: string
  onSite: string | null
  resolution: string
  updateInterval: string | null
}

export interface EscalationStep {
  atPercent: number
  recipient: EscalationRecipient
}

export interface SlaDefinition {
  calendar: string
  targets: SlaTarget[]
  /** Up to three rising percentages of the resolution time. */
  warnAt: number[]
  escalations: EscalationStep[]
  /** On-site arrival on holidays; null: none. */
  holidayOnSite: string | null
}

/** A policy in the list: the definition header, its kind, a preset's source, its calendar named. */
export interface PolicySummary extends DefinitionHeader {
  kind: PolicyKind
  /** Where a preset's targets come from, in the request's language; null for the organisations' own. */
  description: string | null
  calendar: string
  /** The calendar's name in the request's language (its code when it is gone). */
  calendarName: string
  roundTheClock: boolean
}

/** A policy at a version (the current one unless asked) with that version's note. */
export interface PolicyDetail extends DefinitionVersionFields {
  policy: PolicySummary
  definition: SlaDefinition
}

/** A policy in a picker. */
export interface PolicyOption extends DefinitionOption {
  kind: PolicyKind
  calendar: string
}

export interface PolicyListQuery extends DefinitionListQuery {
  kind?: PolicyKind | null
}

export interface TicketTargets {
  policyCode: string
  policyVersion: number
  calendarCode: string
  calendarVersion: number
  response: string | null
  onSite: string | null
  resolution: string | null
  updateInterval: string | null
  warnAtPercent: number[]
  escalations: EscalationStep[]
}

// ---------------------------------------------------------------- error codes the UI reacts to

export const SL_ERRORS = {
  proposalPending: 'SL-0008',
  notAParty: 'SL-0009',
  alreadyDecided: 'SL-0010',
  proposalClosed: 'SL-0011',
  belowSupported: 'SL-0013',
  policyBuiltIn: 'SL-0022',
  policyInUse: 'SL-0028',
  staleVersion: 'SL-0034',
} as const

// ---------------------------------------------------------------- the clients

export const gradingApi = {
  /** Silent: the live preview simply shows nothing while the factors are incomplete. */
  evaluate: (input: EvaluateInput) => http.post<Evaluation>('grading/evaluate', input, { silent: true }),
  model: () => http.get<ModelVersion>('grading/model'),
  modelVersions: () => http.get<ModelVersion[]>('grading/model/versions'),
  /** Form: `SL-0001` names every wrong cell (`impact.HIGH.LOW`, `impactLevels.NONE`, `realtimeCaps.LOW`). */
  updateModel: (input: ModelUpdateInput) => http.put<ModelVersion>('grading/model', input, { form: true }),
  proposals: (query: ProposalQuery) => http.get<Page<Proposal>>('grading/proposals', { ...query }),
  proposal: (id: number) => http.get<Proposal>(`grading/proposals/${id}`),
  /** Silent: the grading form shows field errors at their fields and other refusals in an alert. */
  propose: (input: NewProposalInput) => http.post<Proposal>('grading/proposals', input, { silent: true }),
  /** Silent: the decision dialog explains a refusal (not a party, already decided, closed). */
  decide: (id: number, input: DecisionInput) => http.post<Proposal>(`grading/proposals/${id}/decision`, input, { silent: true }),
  withdraw: (id: number) => http.post<Proposal>(`grading/proposals/${id}/withdraw`),
  inbox: () => http.get<Proposal[]>('grading/inbox'),
  /** Silent: for the menu badge, which just stays as it was. */
  inboxQuietly: () => http.get<Proposal[]>('grading/inbox', undefined, { silent: true }),
}

export const serviceLevelApi = {
  matrix: () => http.get<Matrix>('service-levels/matrix'),
  serviceGrades: () => http.get<ServiceGrade[]>('service-levels/service-grades'),
  systems: (query: SystemPageQuery = {}) => http.get<Page<SystemSummary>>('service-levels/systems', { ...query }),
  gapFigures: (query: SystemQuery = {}) => http.get<LevelFigures[]>('service-levels/gaps/figures', { ...query }),
  /** Silent: the detail page explains a missing system itself. */
  system: (id: number) => http.get<SystemDetail>(`service-levels/systems/${id}`, undefined, { silent: true }),
  saveFacts: (id: number, facts: FactsInput) => http.put<SystemDetail>(`service-levels/systems/${id}/facts`, facts, { form: true }),
  assign: (id: number, assignment: ServiceAssignment) => http.put<SystemDetail>(`service-levels/systems/${id}/service`, assignment, { form: true }),
  exportGaps: (query: GapExportQuery, fallbackName: string) => download('service-levels/gaps/export.xlsx', { ...query }, fallbackName),
}

export const slaPolicyApi = {
  /** list (paged, `kind` filter), options, get, versions, version, create, update (409 `SL-0034` when stale), remove (409 `SL-0028` in use). */
  ...definitionApi<SlaDefinition, PolicySummary, PolicyDetail, PolicyOption, PolicyListQuery>('sla-policies'),
  targets: (query: { systemId?: number | null; ticketType?: TicketType | null; faultLevel: number }) =>
    http.get<TicketTargets>('sla-policies/targets', { ...query }),
}
