import { context, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { RequestHandler } from 'express';

let provider: NodeTracerProvider | undefined;

/**
 * Registers the process's OpenTelemetry tracing, once: W3C `traceparent` propagation, the active span kept in
 * AsyncLocalStorage, and spans exported over OTLP only when the standard OTEL_EXPORTER_OTLP_ENDPOINT (or its
 * traces variant) is set, so a machine without a collector gets no exporter and no noise. The first caller
 * names the process (the hub runs every part in one).
 */
export function startTracing(serviceName: string): void {
  if (provider) return;
  const exporting = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [],
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
}

/** Sends the spans not yet exported; for the end of the process. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/**
 * Makes every request a server span, child of the caller's `traceparent` when it sends one (the start of a new
 * trace otherwise), active while the request is handled, so the work it causes joins the caller's trace.
 */
export function traceRequests(): RequestHandler {
  const tracer = trace.getTracer('motcua');
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    // Named by route, ids left out, so that spans group well (one name per endpoint, not per campaign).
    const route = `${req.baseUrl}${req.path === '/' ? '' : req.path}`.replace(
      /[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi,
      ':id',
    );
    const span = tracer.startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** The trace of the request being served, for log lines; none outside a traced request. */
export function currentTraceId(): string | undefined {
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? span.traceId : undefined;
}
