export { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from './compose.ts';
export { createGatewayApp, type GatewayApp, type GatewayOverrides } from './gateway-app.ts';
export { RATE_ALLOWANCES, type RateAllowances } from './rate-limits.ts';
export { signStaffToken } from './staff-token.ts';
