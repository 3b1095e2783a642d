export type { Config, DatabaseTarget } from './load-config.ts';
export { ConfigError, loadConfig } from './load-config.ts';
