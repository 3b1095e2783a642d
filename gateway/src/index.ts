export { ARGUMENT_RULES, checkArguments, VARIABLE_LIMITS } from './argument-rules.ts';
export { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from './compose.ts';
export { FIELD_PRICES, monthsBetween } from './field-prices.ts';
export { createGatewayApp, type GatewayApp, type GatewayOverrides } from './gateway-app.ts';
export { RATE_ALLOWANCES, type RateAllowances } from './rate-limits.ts';
export { signStaffToken } from './staff-token.ts';
