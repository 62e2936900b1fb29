import { http, type Page, type PageQuery } from './http'

/**
 * Notifications (docs/api/notifications.md): the caller's inbox (`/api/v1/notifications`) with
 * its live stream, their preferences, and for administrators the endpoints (robots and gateways),
 * templates and the delivery log.
 */

export const PERSONAL_CHANNELS = ['IN_APP', 'EMAIL', 'SMS', 'VOICE'] as const
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number]
export const CHANNELS = [...PERSONAL_CHANNELS, 'WEBHOOK'] as const
export type Channel = (typeof CHANNELS)[number]
export const ENDPOINT_KINDS = ['WECOM', 'DINGTALK', 'FEISHU', 'GENERIC', 'SMS', 'VOICE'] as const
export type EndpointKind = (typeof ENDPOINT_KINDS)[number]
export const DELIVERY_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'DEAD'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
export const LOCALES = ['zh-CN', 'en'] as const
export type NoticeLocale = (typeof LOCALES)[number]

export interface Notification {
  id: number
  type: string
  subject: string
  body: string
  link: string | null
  severity: 'INFO' | 'WARNING' | 'CRITICAL'
  createdAt: string
  readAt: string | null
  read: boolean
}

export interface TypePreference {
  type: string
  name: string
  channels: PersonalChannel[]
  chosen: boolean
  defaults: PersonalChannel[]
  mandatory: PersonalChannel[]
}

export interface Preferences {
  locale: NoticeLocale
  channels: PersonalChannel[]
  types: TypePreference[]
}

export interface Endpoint {
  id: number
  name: string
  kind: EndpointKind
  url: string
  method: string
  headers: Record<string, string>
  bodyTemplate: string | null
  secretSet: boolean
  enabled: boolean
  maxBytes: number
  splitsLongMessages: boolean
  version: number
  createdAt: string
  updatedAt: string
}

export interface EndpointInput {
  name: string
  kind: EndpointKind
  url: string
  method?: string
  headers?: Record<string, string>
  bodyTemplate?: string | null
  /** Left out: keeps the secret set; empty: removes it. */
  secret?: string
  enabled?: boolean
}

export interface TestResult {
  ok: boolean
  message: string
  detail: string | null
}

export interface NoticeTypeInfo {
  code: string
  name: string
  nameZh: string
  nameEn: string
  defaultChannels: PersonalChannel[]
  mandatoryChannels: PersonalChannel[]
  variables: string[]
  customised: NoticeLocale[]
}

export interface Template {
  type: string
  locale: NoticeLocale
  subject: string
  body: string
  customised: boolean
  version: number
  defaultSubject: string
  defaultBody: string
}

export interface Rendered {
  subject: string
  text: string
  html: string
}

export interface Delivery {
  id: number
  type: string
  typeName: string
  channel: Channel
  recipient: string
  endpointId: number | null
  subject: string
  part: number
  parts: number
  severity: string
  status: DeliveryStatus
  attempts: number
  nextAttemptAt: string | null
  lastError: string | null
  lastErrorDetail: string | null
  createdAt: string
  sentAt: string | null
}

export interface DeliveryFilter {
  status?: DeliveryStatus | ''
  channel?: Channel | ''
  from?: string
  to?: string
  q?: string
}

export const notificationApi = {
  list: (query: PageQuery & { unread?: boolean }) => http.get<Page<Notification>>('/notifications', { ...query }),
  unreadCount: () => http.get<{ count: number }>('/notifications/unread-count'),
  read: (id: number) => http.post<void>(`/notifications/${id}/read`),
  readAll: () => http.post<{ count: number }>('/notifications/read-all'),
  /** The URL of the live stream, for `EventSource` (same origin, session cookie). */
  streamUrl: '/api/v1/notifications/stream',
  preferences: () => http.get<Preferences>('/me/notification-preferences'),
  savePreferences: (locale: NoticeLocale, types: { type: string; channels: PersonalChannel[] }[]) =>
    http.put<Preferences>('/me/notification-preferences', { locale, types }),
}

export const notifyAdminApi = {
  endpoints: () => http.get<Endpoint[]>('/notification-endpoints'),
  createEndpoint: (input: EndpointInput) => http.post<Endpoint>('/notification-endpoints', input, { form: true }),
  updateEndpoint: (id: number, version: number, input: EndpointInput) =>
    http.put<Endpoint>(`/notification-endpoints/${id}`, { ...input, version }, { form: true }),
  deleteEndpoint: (id: number) => http.delete(`/notification-endpoints/${id}`),
  testEndpoint: (id: number, phone?: string) => http.post<TestResult>(`/notification-endpoints/${id}/test`, { phone }),
  types: () => http.get<NoticeTypeInfo[]>('/notification-templates'),
  template: (type: string, locale: NoticeLocale) => http.get<Template>(`/notification-templates/${type}/${locale}`),
  saveTemplate: (type: string, locale: NoticeLocale, version: number, subject: string, body: string) =>
    http.put<Template>(`/notification-templates/${type}/${locale}`, { version, subject, body }, { form: true }),
  resetTemplate: (type: string, locale: NoticeLocale) => http.post<Template>(`/notification-templates/${type}/${locale}/reset`),
  preview: (type: string, locale: NoticeLocale, subject: string, body: string) =>
    http.post<Rendered>('/notification-templates/preview', { type, locale, subject, body }, { silent: true }),
  deliveries: (query: PageQuery & DeliveryFilter) => http.get<Page<Delivery>>('/notification-deliveries', { ...query }),
  retry: (id: number) => http.post<Delivery>(`/notification-deliveries/${id}/retry`),
}
