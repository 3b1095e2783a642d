export { DEFAULT_HTTP_LIMITS, type HttpLimits, type Listening, listen } from './listen.ts';
export { type Drain, drainOnClose, exitOnSignals } from './shutdown.ts';
