export { hiveEngine, withSubgraphUrls } from './hive-engine.ts';
export { hubRulesPlugin } from './hub-rules-plugin.ts';
export { type CallerOf, identityPlugin } from './identity-plugin.ts';
