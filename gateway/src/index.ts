export { ARGUMENT_RULES, checkArguments, checkRequest, VARIABLE_LIMITS } from './argument-rules.ts';
export { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from './compose.ts';
export { FIELD_PRICES, monthsBetween } from './field-prices.ts';
export {
  createGatewayApp,
  type GatewayApp,
  type GatewayOverrides,
  type GraphqlEngine,
  type GraphqlEngineOptions,
} from './gateway-app.ts';
export { queryLimits, withoutSuggestions } from './limits.ts';
export type { Metrics } from './observability.ts';
export { checkCost, type QueryCost } from './query-cost.ts';
export { RATE_ALLOWANCES, type RateAllowances } from './rate-limits.ts';
export { signStaffToken } from './staff-token.ts';
