import { http, type Page, type PageQuery } from './http'
import type { TicketState, TicketType, TicketChannel } from './servicedesk'

/**
 * The self-service portal, the help centre and satisfaction (docs/api/service-desk.md):
 * `/api/v1/portal/...` for the signed-in requester's own tickets, `/api/v1/faq-entries` for the
 * desk's FAQ editing, the public one-use links (`/api/v1/satisfaction/invitations/{token}`,
 * `/api/v1/survey-invitations/{token}`), return visits, surveys and the statistics.
 */

// ---------------------------------------------------------------- the portal

/** The types a requester may report. */
export const PORTAL_TICKET_TYPES = ['INCIDENT', 'SERVICE_REQUEST', 'CONSULTATION', 'COMPLAINT', 'REQUIREMENT'] as const

export interface SystemOption {
  id: number
  name: string
}

export interface PortalReport {
  type: TicketType | null
  title: string
  description: string
  businessSystemId: number | null
  phone: string
}

export interface PortalTicketSummary {
  id: number
  number: string
  type: TicketType
  title: string
  state: TicketState
  stateText: string
  reportedAt: string
  updatedAt: string
  canRate: boolean
  invited: boolean
}

export type PortalAllowed = 'reply' | 'rate' | 'complain'

export interface TimelineEntry {
  kind: 'STATE' | 'REPLY'
  at: string
  action: string | null
  state: TicketState | null
  stateText: string | null
  authorId: number | null
  authorName: string | null
  mine: boolean
  body: string | null
}

export interface PortalLink {
  ticketId: number
  number: string
  title: string
  state: TicketState
  kind: 'COMPLAINT'
  direction: 'OUTGOING' | 'INCOMING'
}

export interface PortalTicket {
  id: number
  number: string
  type: TicketType
  channel: TicketChannel
  title: string
  description: string | null
  businessSystemId: number | null
  businessSystemName: string | null
  phone: string | null
  state: TicketState
  stateText: string
  reportedAt: string
  updatedAt: string
  resolvedAt: string | null
  closedAt: string | null
  solution: string | null
  rating: number | null
  ratingComment: string | null
  allowed: PortalAllowed[]
  ratingInvitedUntil: string | null
  links: PortalLink[]
  timeline: TimelineEntry[]
}

export interface PendingInvitation {
  ticketId: number
  number: string
  title: string
  resolvedAt: string | null
  expiresAt: string
}

export interface HelpEntry {
  id: number
  question: string
  answer: string
  category: string | null
  businessSystemId: number | null
  businessSystemName: string | null
  updatedAt: string
}

export interface HelpCentre {
  categories: string[]
  items: HelpEntry[]
}

export const portalApi = {
  systems: () => http.get<SystemOption[]>('portal/systems'),
  report: (input: PortalReport) => http.post<PortalTicket>('portal/tickets', input, { form: true }),
  mine: (query: { open?: boolean; state?: TicketState; page?: number; size?: number }) =>
    http.get<Page<PortalTicketSummary>>('portal/tickets', query),
  get: (id: number) => http.get<PortalTicket>(`portal/tickets/${id}`, undefined, { quietCodes: ['SD-0001'] }),
  reply: (id: number, body: string) => http.post<TimelineEntry>(`portal/tickets/${id}/replies`, { body }, { form: true }),
  rate: (id: number, rating: number, comment: string) =>
    http.post<PortalTicket>(`portal/tickets/${id}/rating`, { rating, comment }, { form: true }),
  complain: (id: number, reason: string, phone: string) =>
    http.post<PortalTicket>(`portal/tickets/${id}/complaint`, { reason, phone }, { form: true }),
  invitations: () => http.get<PendingInvitation[]>('portal/invitations'),
  faq: (q?: string, category?: string) => http.get<HelpCentre>('portal/faq', { q, category }),
}

// ---------------------------------------------------------------- public one-use links

export interface RatingInvitation {
  number: string
  title: string
  solution: string | null
  resolvedAt: string | null
  state: 'PENDING' | 'ANSWERED' | 'EXPIRED' | 'CANCELLED'
  expiresAt: string
  rating: number | null
}

export const SURVEY_QUESTION_KINDS = ['RATING', 'CHOICE', 'TEXT'] as const
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number]

export interface SurveyQuestion {
  id: number
  position: number
  kind: SurveyQuestionKind
  text: string
  options: string[]
  required: boolean
}

export interface PublicSurvey {
  title: string
  description: string | null
  state: 'PENDING' | 'ANSWERED' | 'EXPIRED'
  expiresAt: string
  questions: SurveyQuestion[]
}

export interface SurveyAnswer {
  questionId: number
  rating?: number | null
  choice?: string | null
  text?: string | null
}

const quietLinkCodes = ['SD-0300', 'SD-0323']

export const publicApi = {
  invitation: (token: string) => http.get<RatingInvitation>(`satisfaction/invitations/${encodeURIComponent(token)}`, undefined, { quietCodes: quietLinkCodes }),
  rate: (token: string, rating: number, comment: string) =>
    http.post<void>(`satisfaction/invitations/${encodeURIComponent(token)}`, { rating, comment }, { form: true }),
  survey: (token: string) => http.get<PublicSurvey>(`survey-invitations/${encodeURIComponent(token)}`, undefined, { quietCodes: quietLinkCodes }),
  answer: (token: string, answers: SurveyAnswer[]) =>
    http.post<void>(`survey-invitations/${encodeURIComponent(token)}`, { answers }, { form: true }),
}

// ---------------------------------------------------------------- FAQ (the desk)

export interface FaqEntry {
  id: number
  question: string
  answer: string
  category: string | null
  businessSystemId: number | null
  published: boolean
  sortOrder: number
  version: number
  createdAt: string
  updatedAt: string
}

export interface FaqInput {
  question: string
  answer: string
  category: string | null
  businessSystemId: number | null
  published: boolean
  sortOrder: number
  version?: number
}

export const faqApi = {
  list: (query: { q?: string; category?: string; published?: boolean } & PageQuery) => http.get<Page<FaqEntry>>('faq-entries', { ...query }),
  create: (input: FaqInput) => http.post<FaqEntry>('faq-entries', input, { form: true }),
  update: (id: number, input: FaqInput) => http.put<FaqEntry>(`faq-entries/${id}`, input, { form: true, quietCodes: ['SD-0328'] }),
  remove: (id: number, version: number) => http.delete(`faq-entries/${id}?version=${version}`, { quietCodes: ['SD-0328'] }),
}

// ---------------------------------------------------------------- satisfaction statistics

export const STATISTICS_GROUP_BY = ['GROUP', 'ENGINEER', 'SYSTEM', 'ORGANISATION', 'MONTH'] as const
export type StatisticsGroupBy = (typeof STATISTICS_GROUP_BY)[number]

export interface StatisticsRow {
  key: string | null
  name: string | null
  count: number
  average: number | null
  satisfiedRate: number | null
  distribution: number[]
}

export interface SatisfactionStatistics {
  from: string
  to: string
  groupBy: StatisticsGroupBy
  count: number
  average: number | null
  distribution: number[]
  invitations: { sent: number; answered: number; expired: number; pending: number; cancelled: number; responseRate: number | null }
  rows: StatisticsRow[]
  trend: StatisticsRow[]
}

export const satisfactionApi = {
  statistics: (from: string, to: string, groupBy: StatisticsGroupBy) =>
    http.get<SatisfactionStatistics>('satisfaction/statistics', { from, to, groupBy }, { form: true }),
}

// ---------------------------------------------------------------- return visits

export const VISIT_METHODS = ['PHONE', 'ONSITE', 'IM'] as const
export type VisitMethod = (typeof VISIT_METHODS)[number]

export interface ReturnVisit {
  id: number
  ticketId: number
  ticketNumber: string
  ticketTitle: string
  method: VisitMethod
  visitedPerson: string
  satisfaction: number
  comments: string | null
  followUpNeeded: boolean
  visitedAt: string
  visitorId: number | null
  visitorName: string | null
  createdAt: string
}

export interface VisitInput {
  method: VisitMethod | null
  visitedPerson: string
  satisfaction: number | null
  comments: string
  followUpNeeded: boolean
}

export interface DueTicket {
  id: number
  number: string
  type: TicketType
  title: string
  state: TicketState
  resolvedAt: string
  requesterName: string | null
  contactPhone: string | null
  assigneeName: string | null
  groupName: string | null
  rating: number | null
}

export const returnVisitApi = {
  record: (ticketId: number, input: VisitInput) => http.post<ReturnVisit>(`tickets/${ticketId}/return-visits`, input, { form: true }),
  ofTicket: (ticketId: number) => http.get<ReturnVisit[]>(`tickets/${ticketId}/return-visits`),
  list: (query: { from?: string; to?: string; method?: VisitMethod; followUp?: boolean } & PageQuery) =>
    http.get<Page<ReturnVisit>>('return-visits', { ...query }),
  due: (query: { from?: string; to?: string } & PageQuery) => http.get<Page<DueTicket>>('return-visits/due', { ...query }),
}

// ---------------------------------------------------------------- surveys

export const SURVEY_STATES = ['DRAFT', 'SENT', 'CLOSED'] as const
export type SurveyState = (typeof SURVEY_STATES)[number]

export interface Survey {
  id: number
  title: string
  description: string | null
  organisationId: number
  state: SurveyState
  periodFrom: string | null
  periodTo: string | null
  samplePercent: number | null
  sampleCount: number | null
  invited: number
  answered: number
  expiresAt: string | null
  version: number
  createdAt: string
  updatedAt: string
  sentAt: string | null
  closedAt: string | null
  questions: SurveyQuestion[]
}

export interface SurveyQuestionInput {
  kind: SurveyQuestionKind
  text: string
  options: string[]
  required: boolean
}

export interface SurveyInput {
  title: string
  description: string
  organisationId: number | null
  questions: SurveyQuestionInput[]
  version?: number
}

export interface SendInput {
  from: string
  to: string
  percent?: number | null
  count?: number | null
  days?: number | null
  version: number
}

export interface QuestionResult {
  questionId: number
  kind: SurveyQuestionKind
  text: string
  answers: number
  average: number | null
  distribution: number[]
  choices: Record<string, number>
  texts: string[]
}

export interface SurveyResults {
  surveyId: number
  title: string
  state: SurveyState
  invited: number
  answered: number
  responseRate: number
  questions: QuestionResult[]
}

export const surveyApi = {
  list: (query: { state?: SurveyState } & PageQuery) => http.get<Page<Survey>>('surveys', { ...query }),
  get: (id: number) => http.get<Survey>(`surveys/${id}`),
  create: (input: SurveyInput) => http.post<Survey>('surveys', input, { form: true }),
  update: (id: number, input: SurveyInput) => http.put<Survey>(`surveys/${id}`, input, { form: true }),
  remove: (id: number) => http.delete(`surveys/${id}`),
  send: (id: number, input: SendInput) => http.post<Survey>(`surveys/${id}/send`, input, { form: true }),
  close: (id: number) => http.post<Survey>(`surveys/${id}/close`),
  results: (id: number) => http.get<SurveyResults>(`surveys/${id}/results`),
}
