import { DEFAULT_POLICY, slaPolicyApi } from '@/api/servicelevel'
import type { DefinitionConfig } from '@/utils/definitions'
import { policyRoute } from './slDisplay'

/** SLA policies on the shared definition pages. */
export const POLICIES: DefinitionConfig = {
  kind: 'policy',
  hook: 'sl-policy',
  defaultBase: DEFAULT_POLICY,
  reserved: [],
  listRoute: '/service-levels/policies',
  routeOf: policyRoute,
  options: slaPolicyApi.options,
  create: (input) => slaPolicyApi.create(input).then((detail) => detail.policy),
  remove: slaPolicyApi.remove,
}
