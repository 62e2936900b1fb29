import { http, type Page, type PageQuery } from './http'

/**
 * Self-registration (R-DSK-12, docs/api/service-desk.md): the public application for a portal
 * account (`/api/v1/portal/registration/organisations`, `/api/v1/portal/registrations`; 404 when
 * registration is switched off) and the desk's review (`/api/v1/registrations`).
 */

export interface OrganisationOption {
  id: number
  name: string
  /** The names from the top down to the organisation, "市政府 / 市公安局". */
  path: string
}

export interface RegistrationApplication {
  username: string
  displayName: string
  phone: string
  email: string | null
  organisationId: number | null
  unit: string | null
  password: string
}

export type RegistrationState = 'PENDING' | 'APPROVED' | 'REJECTED'

export const REGISTRATION_STATES: RegistrationState[] = ['PENDING', 'APPROVED', 'REJECTED']

export interface Registration {
  id: number
  username: string
  displayName: string
  phone: string
  email: string | null
  organisationId: number
  organisationName: string | null
  organisationPath: string
  unit: string | null
  state: RegistrationState
  reason: string | null
  createdAt: string
  decidedAt: string | null
  decidedById: number | null
  decidedByName: string | null
  userId: number | null
  sourceAddress: string | null
  version: number
}

export const registrationApi = {
  /**
   * The organisations to apply in; rejects with SYS-0004 (quietly) when registration is off.
   * `silent` for the sign-in page, which only asks whether to offer registration.
   */
  /** Whether accounts may be applied for (the sign-in page's 注册账号 link). */
  status: () => http.get<{ open: boolean }>('portal/registration', undefined, { silent: true }),
  organisations: (silent = false) =>
    http.get<OrganisationOption[]>('portal/registration/organisations', undefined, silent ? { silent: true } : { quietCodes: ['SYS-0004'] }),
  apply: (input: RegistrationApplication) => http.post<{ message: string }>('portal/registrations', input, { form: true }),
  list: (query: PageQuery & { state?: RegistrationState; q?: string }) => http.get<Page<Registration>>('registrations', { ...query }),
  approve: (id: number, version: number) =>
    http.post<Registration>(`registrations/${id}/approve`, { version }, { quietCodes: ['SD-0328', 'SD-0338', 'SD-0339'] }),
  reject: (id: number, version: number, reason: string) =>
    http.post<Registration>(`registrations/${id}/reject`, { version, reason }, { form: true, quietCodes: ['SD-0328', 'SD-0338'] }),
}
