export { logger } from './logger.ts';
export { metricsRoute } from './metrics-route.ts';
export { REQUEST_ID_HEADER, requestIdFrom, requestIdMiddleware, requestIds } from './request-ids.ts';
export { requestLogPlugin } from './request-log.ts';
export { currentTraceId, flushTracing, startTracing, traceRequests } from './tracing.ts';
