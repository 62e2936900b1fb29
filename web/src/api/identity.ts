import { http, type Page, type PageQuery } from './http'
import { QUIET_STALE_EDIT } from '@/utils/staleEdit'
import type { Duty, RoleRef } from './auth'

// ---------------------------------------------------------------- organisations

export type OrganisationType = 'AGENCY' | 'SUBORDINATE' | 'DEPARTMENT' | 'SERVICE_PROVIDER' | 'OTHER'
export const ORGANISATION_TYPES: OrganisationType[] = ['AGENCY', 'SUBORDINATE', 'DEPARTMENT', 'SERVICE_PROVIDER', 'OTHER']

export interface OrganisationNode {
  id: number
  parentId: number | null
  name: string
  code: string
  type: OrganisationType
  enabled: boolean
  children: OrganisationNode[]
}

export interface Organisation {
  id: number
  parentId: number | null
  parentName: string | null
  name: string
  code: string
  type: OrganisationType
  contactPerson: string | null
  contactPhone: string | null
  enabled: boolean
  sortOrder: number | null
  path: { id: number; name: string }[]
  childCount: number
  userCount: number
  createdAt: string
  updatedAt: string
  version: number
}

export interface OrganisationInput {
  name: string
  code: string
  type: OrganisationType
  contactPerson: string | null
  contactPhone: string | null
  sortOrder: number | null
}

export const organisationApi = {
  tree: () => http.get<OrganisationNode[]>('organisations/tree'),
  get: (id: number) => http.get<Organisation>(`organisations/${id}`),
  create: (input: OrganisationInput & { parentId: number | null }) =>
    http.post<Organisation>('organisations', input, { form: true }),
  /** A stale `version` (409 `SYS-0008`) is left to the form, which offers to reload. */
  update: (id: number, input: OrganisationInput & { version: number }) =>
    http.put<Organisation>(`organisations/${id}`, input, { form: true, ...QUIET_STALE_EDIT }),
  move: (id: number, parentId: number | null) =>
    http.post<Organisation>(`organisations/${id}/move`, { parentId }, { form: true }),
  disable: (id: number) => http.post<Organisation>(`organisations/${id}/disable`),
  enable: (id: number) => http.post<Organisation>(`organisations/${id}/enable`),
  /** Silent: the page explains a refusal (409 IDN-0009) in a dialog. */
  remove: (id: number) => http.delete(`organisations/${id}`, { silent: true }),
}

// ---------------------------------------------------------------- users

export type UserStatus = 'ENABLED' | 'DISABLED' | 'LOCKED'
export const USER_STATUSES: UserStatus[] = ['ENABLED', 'DISABLED', 'LOCKED']

export interface User {
  id: number
  username: string
  displayName: string
  organisationId: number
  organisationName: string | null
  phone: string | null
  email: string | null
  roles: RoleRef[]
  enabled: boolean
  locked: boolean
  lockedUntil: string | null
  lastLoginAt: string | null
  passwordChangedAt: string | null
  createdAt: string
  updatedAt: string
  version: number
  duties: Duty[]
  changesData: boolean
  dutyConflict: boolean
}

export interface UserQuery extends PageQuery {
  q?: string
  organisationId?: number | null
  includeDescendants?: boolean
  roleId?: number | null
  status?: UserStatus | null
}

export interface UserCreateInput {
  username: string
  displayName: string
  organisationId: number
  phone: string | null
  email: string | null
  roleIds?: number[]
  password?: string
}

export interface UserUpdateInput {
  displayName: string
  organisationId: number
  phone: string | null
  email: string | null
  version: number
}

export interface DutyConflict {
  id: number
  username: string
  displayName: string
  duties: Duty[]
  /** Also changes data in day-to-day work (stands with system administration). */
  changesData: boolean
}

export const userApi = {
  list: (query: UserQuery) => http.get<Page<User>>('users', { ...query }),
  get: (id: number) => http.get<User>(`users/${id}`),
  create: (input: UserCreateInput) =>
    http.post<{ user: User; initialPassword: string }>('users', input, { form: true }),
  /** A stale `version` (409 `SYS-0008`) is left to the form, which offers to reload. */
  update: (id: number, input: UserUpdateInput) => http.put<User>(`users/${id}`, input, { form: true, ...QUIET_STALE_EDIT }),
  setRoles: (id: number, roleIds: number[]) => http.put<User>(`users/${id}/roles`, { roleIds }, { form: true }),
  disable: (id: number) => http.post<User>(`users/${id}/disable`),
  enable: (id: number) => http.post<User>(`users/${id}/enable`),
  resetPassword: (id: number, password?: string) =>
    http.post<{ initialPassword: string | null }>(`users/${id}/reset-password`, password ? { password } : {}, { form: true }),
  unlock: (id: number) => http.post<User>(`users/${id}/unlock`),
  dutyConflicts: () => http.get<DutyConflict[]>('users/duty-conflicts', undefined, { silent: true }),
}

// ---------------------------------------------------------------- roles and permissions

export type RoleDataScope = 'OWN_SUBTREE' | 'ALL' | 'LISTED'
export const ROLE_DATA_SCOPES: RoleDataScope[] = ['OWN_SUBTREE', 'ALL', 'LISTED']

/** A role as listed by `GET /roles` (counts instead of the permission list). */
export interface RoleSummary {
  id: number
  code: string
  name: string
  description: string | null
  builtIn: boolean
  /** The organisation that defined the role (null for built-in roles). */
  organisationId: number | null
  organisationName: string | null
  /** Whether the caller may change or delete it. */
  editable: boolean
  dataScope: RoleDataScope
  organisationIds?: number[]
  permissionCount: number
  userCount: number
  duties?: Duty[]
  /** Whether the role changes data in day-to-day work (stands with system administration). */
  changesData?: boolean
}

export interface Role {
  id: number
  code: string
  name: string
  description: string | null
  builtIn: boolean
  organisationId: number | null
  organisationName: string | null
  editable: boolean
  dataScope: RoleDataScope
  organisationIds: number[]
  permissions: string[]
  duties: Duty[]
  changesData: boolean
  userCount: number
  createdAt: string
  updatedAt: string
  version: number
}

export interface RoleInput {
  name: string
  description: string | null
  permissions: string[]
  dataScope: RoleDataScope
  organisationIds: number[]
}

export interface PermissionNode {
  key: string
  label: string
  duty?: Duty | null
  children?: PermissionNode[]
}

export const roleApi = {
  list: (query: PageQuery & { q?: string }) => http.get<Page<RoleSummary>>('roles', { ...query }),
  get: (id: number) => http.get<Role>(`roles/${id}`),
  create: (input: RoleInput & { code: string }) => http.post<Role>('roles', input, { form: true }),
  copy: (id: number, code: string, name: string) => http.post<Role>(`roles/${id}/copy`, { code, name }, { form: true }),
  /** A stale `version` (409 `SYS-0008`) is left to the editor, which offers to reload. */
  update: (id: number, input: RoleInput & { version: number }) =>
    http.put<Role>(`roles/${id}`, input, { form: true, ...QUIET_STALE_EDIT }),
  /** Silent: the page explains a refusal (409 IDN-0013/IDN-0014) in a dialog. */
  remove: (id: number) => http.delete(`roles/${id}`, { silent: true }),
  permissions: () => http.get<PermissionNode[]>('permissions'),
}
