import { DEFAULT_POLICY, slaPolicyApi } from '@/api/servicelevel'
import type { NewDefinitionInput } from '@/api/definitions'
import { policyRoute } from './slDisplay'

/** What the shared definition components need of SLA policies. */
export const POLICY_DEFINITIONS = {
  kind: 'policy',
  hook: 'sl-policy',
  defaultBase: DEFAULT_POLICY,
  reserved: [] as string[],
  create: (input: NewDefinitionInput<never>) => slaPolicyApi.create(input).then((detail) => detail.policy),
  actions: { kind: 'policy', options: slaPolicyApi.options, remove: slaPolicyApi.remove, routeOf: policyRoute },
} as const
