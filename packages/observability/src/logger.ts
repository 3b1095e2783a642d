import { pino } from 'pino';
import { currentTraceId } from './tracing.ts';

/**
 * Structured JSON logs (pino), one line per event, for whoever runs the hub. LOG_LEVEL sets the level ("silent" in
 * tests keeps the output readable). A line written while a traced request is served carries its `traceId`, so
 * the gateway's and the subgraphs' lines of one request can be found together, and in the tracing backend.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'motcua' },
  mixin: () => {
    const traceId = currentTraceId();
    return traceId ? { traceId } : {};
  },
});
