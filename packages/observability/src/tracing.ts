import diagnosticsChannel from 'node:diagnostics_channel';
import { context, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-node';
import type { RequestHandler } from 'express';

let provider: NodeTracerProvider | undefined;

/** Whether an outgoing request (undici's headers: `name: value\r\n` text, or a flat name/value list) has a traceparent. */
const carriesTraceContext = ({ headers }: { headers: string | (string | string[])[] }) =>
  typeof headers === 'string'
    ? /(^|\r\n)traceparent:/i.test(headers)
    : headers.some((entry, index) => index % 2 === 0 && String(entry).toLowerCase() === 'traceparent');

/**
 * Registers the process's OpenTelemetry tracing, once: W3C `traceparent` propagation, the active span kept in
 * AsyncLocalStorage, every outgoing `fetch` (to a subgraph, the key check, a peer, a health probe) traced and
 * carrying the trace by OpenTelemetry's undici instrumentation, and spans exported over OTLP only when the
 * standard OTEL_EXPORTER_OTLP_ENDPOINT (or its traces variant) is set, so a machine without a collector gets no
 * exporter and no noise. The first caller names the process (the hub runs every part in one).
 */
export function startTracing(serviceName: string): void {
  if (provider) return;
  const exporting = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [],
    // With nowhere to send spans, a trace this process starts is not recorded (its ids still reach the logs and
    // the subgraphs): recording every span of every request only to drop it cost the gateway measurable CPU. A
    // caller's sampled trace is still followed and recorded, as the caller asked.
    ...(exporting ? {} : { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) }),
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
  // fetch's diagnostics channels belong to the process, not to this module: a test runner that loads the module
  // afresh for each test file in one process would otherwise stack one instrumentation per file. Any earlier one
  // is told to stand down, over a channel of the process's own.
  const registrations = diagnosticsChannel.channel('motcua:tracing:undici-instrumentation');
  registrations.publish(null);
  // A request that already names its trace context keeps it: it speaks for a caller's trace, not this process's.
  const undici = new UndiciInstrumentation({ ignoreRequestHook: carriesTraceContext });
  const standDown = () => {
    undici.disable();
    registrations.unsubscribe(standDown);
  };
  registrations.subscribe(standDown);
  registerInstrumentations({ tracerProvider: provider, instrumentations: [undici] });
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
