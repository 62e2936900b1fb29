import { http, type Page, type PageQuery } from './http'

/** The three separated duties (三员分立). */
export type Duty = 'SYSTEM' | 'SECURITY' | 'AUDIT'
export const DUTIES: Duty[] = ['SYSTEM', 'SECURITY', 'AUDIT']

export interface RoleRef {
  id: number
  code: string
  name: string
}

export interface SessionUser {
  id: number
  username: string
  displayName: string
  organisationId: number | null
  organisationName: string | null
  email: string | null
  phone: string | null
}

export interface DataScope {
  all: boolean
  organisationIds: number[]
}

/**
 * Why a password must be changed: `GENERATED` by the system, `ADMINISTRATOR_SET` (chosen by an
 * administrator), `EXPIRED`, or `INITIAL` (set by someone else before the two were told apart).
 */
export type PasswordChangeReason = 'GENERATED' | 'ADMINISTRATOR_SET' | 'INITIAL' | 'EXPIRED'
export const PASSWORD_CHANGE_REASONS: PasswordChangeReason[] = ['GENERATED', 'ADMINISTRATOR_SET', 'INITIAL', 'EXPIRED']

export interface Session {
  user: SessionUser
  roles: RoleRef[]
  permissions: string[]
  dataScope: DataScope
  /** True when the scope covers every organisation that exists (such a user may grant ALL). */
  seesAllOrganisations: boolean
  passwordChangeRequired: boolean
  passwordChangeReason: PasswordChangeReason | null
  passwordExpiresAt: string | null
  /** The separated duties the user's permissions name (三员). */
  duties: Duty[]
  /** Whether the user changes data in day-to-day work (which stands with system administration). */
  changesData: boolean
  /** Whether the duties and day-to-day changes together stand on more than one side of the separation. */
  dutyConflict: boolean
}

export interface PasswordPolicy {
  minLength: number
  /** The longest password in UTF-8 bytes (bcrypt reads no further). */
  maxBytes: number
  minCharacterClasses: number
  historySize: number
  expiryDays: number
  maxFailedAttempts: number
  lockMinutes: number
}

export type TokenStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED'

export interface ApiToken {
  id: number
  name: string
  prefix: string
  createdAt: string
  expiresAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  status: TokenStatus
}

export interface CreatedApiToken extends ApiToken {
  /** The secret: present only in the answer to the create request. */
  token: string
}

export const authApi = {
  /** The current session; 401 when not signed in (no redirect: this is the probe). */
  session: () => http.get<Session>('auth/session', undefined, { silent: true }),
  login: (username: string, password: string) =>
    http.post<Session>('auth/login', { username, password }, { silent: true }),
  logout: () => http.post<void>('auth/logout', undefined, { silent: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<void>('auth/password', { currentPassword, newPassword }, { form: true }),
  passwordPolicy: () => http.get<PasswordPolicy>('auth/password-policy'),
  tokens: (query: PageQuery) => http.get<Page<ApiToken>>('auth/tokens', { ...query }),
  tokenLimits: () => http.get<{ maxLifetimeDays: number }>('auth/tokens/limits'),
  createToken: (name: string, expiresAt: string) =>
    http.post<CreatedApiToken>('auth/tokens', { name, expiresAt }, { form: true }),
  revokeToken: (id: number) => http.delete(`auth/tokens/${id}`),
}
