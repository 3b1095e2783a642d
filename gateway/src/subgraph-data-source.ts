import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { logger, REQUEST_ID_HEADER } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import { GraphQLError } from 'graphql';
import type { Metrics } from './observability.ts';

/** What the gateway knows of a request; `signal` aborts when the client gives up before its answer is sent. */
export type GatewayContext = { caller: Caller; requestId: string; signal?: AbortSignal };

/** The signal of the subgraph call being made: its clients gave up (see `process`). */
const callSignal = new AsyncLocalStorage<AbortSignal>();

/**
 * One signal for a call several clients wait on: it aborts once every one of them has given up, so a client that
 * leaves does not take the answer away from the others.
 */
function sharedSignal(): { signal: AbortSignal; join: (signal: AbortSignal | undefined) => void } {
  const controller = new AbortController();
  let waiting = 0;
  let forever = false;
  return {
    signal: controller.signal,
    join(signal) {
      if (!signal) {
        forever = true;
        return;
      }
      waiting += 1;
      const leave = () => {
        waiting -= 1;
        if (waiting === 0 && !forever) controller.abort();
      };
      if (signal.aborted) leave();
      else signal.addEventListener('abort', leave, { once: true });
    },
  };
}

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];
type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/** A subgraph's answer to hand to one more waiter: its data and errors copied (the HTTP part is only read). */
const copyOf = ({ data, errors, extensions, ...rest }: GatewayResponse): GatewayResponse => ({
  ...rest,
  data: structuredClone(data),
  errors: structuredClone(errors),
  extensions: structuredClone(extensions),
});

/** What makes two subgraph calls the same question: the caller, the query and its variables; null for a mutation. */
function mergeKey(options: ProcessOptions): string | null {
  if (!('incomingRequestContext' in options)) return null;
  if (options.incomingRequestContext.operation?.operation !== 'query') return null;
  const { query, variables } = options.request;
  return `${JSON.stringify(options.context.caller)}\n${query}\n${JSON.stringify(variables ?? {})}`;
}

/**
 * What a subgraph's Cache-Control header allows, applied to a request that shares another's call (see `process`):
 * Apollo applies it only to the request that made the call, and a waiter whose answer holds uncacheable data must
 * not end up cacheable. The same reading as Apollo's: no max-age is 0.
 */
function restrictCachePolicy(options: ProcessOptions, answer: GatewayResponse): void {
  if (!('incomingRequestContext' in options)) return;
  const header = answer.http?.headers.get('cache-control') ?? '';
  const maxAge = /(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/.exec(header)?.[1];
  options.incomingRequestContext.overallCachePolicy.restrict({
    maxAge: maxAge === undefined ? 0 : Number(maxAge),
    ...(/(?:^|,)\s*private\s*(?:,|$)/.test(header) && { scope: 'PRIVATE' as const }),
  });
}

/** The error that stands for a subgraph's part of the answer when it could not be had. */
const unavailable = (subgraph: string, reason: string) =>
  new GraphQLError(
    `The ${subgraph} subgraph is unavailable (${reason}); the rest of the answer is given without it`,
    {
      extensions: { code: 'UNAVAILABLE', serviceName: subgraph },
    },
  );

/**
 * Talks to one subgraph.
 * - A call that takes longer than `timeoutMs` is abandoned, and a subgraph that cannot be reached (down, timed
 *   out, failing with a 5xx) becomes one UNAVAILABLE error naming it: the fields it serves are null and the rest
 *   of the answer is given. Nothing is remembered, so the next request reaches the subgraph again when it is back.
 * - When a subgraph refuses a whole request (HTTP 400, e.g. a variable that is not a valid `Month`), Apollo's
 *   data source reports a bare "400: Bad Request"; this one passes on the subgraph's own first error, with its
 *   code and message, so the client learns what to fix.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;

  readonly #metrics: Metrics;

  readonly #signingKey: string;

  /** The queries being asked of this subgraph right now, by what makes them the same question (see `process`). */
  readonly #inFlight = new Map<
    string,
    { answer: Promise<GatewayResponse>; join: (signal: AbortSignal | undefined) => void }
  >();

  readonly #mergeIdenticalQueries: boolean;

  constructor({
    name,
    url,
    timeoutMs,
    metrics,
    signingKey,
    mergeIdenticalQueries,
  }: {
    name: string;
    url: string;
    timeoutMs: number;
    metrics: Metrics;
    signingKey: string;
    mergeIdenticalQueries: boolean;
  }) {
    super({
      url,
      fetcher: ((input: string, init?: RequestInit) =>
        fetch(input, {
          ...init,
          // Given up when the subgraph is too slow, or when the client is gone: the subgraph then cancels its
          // statements, which no one would read.
          signal: AbortSignal.any([
            AbortSignal.timeout(timeoutMs),
            ...[callSignal.getStore()].filter((signal) => signal !== undefined),
          ]),
        })) as unknown as RemoteGraphQLDataSource['fetcher'],
    });
    this.name = name;
    this.#metrics = metrics;
    this.#signingKey = signingKey;
    this.#mergeIdenticalQueries = mergeIdenticalQueries;
  }

  /**
   * Identical queries asked at the same time by the same caller are asked once: a portal's busiest pages arrive
   * many times a second, and each copy cost the subgraph and PostgreSQL the same work. Only queries are merged
   * (never a mutation), only while the first is in flight (nothing is cached), and only for the same caller, whose
   * identity is part of the question, so no caller ever receives an answer computed for another. Each waiter gets
   * its own copy, since the gateway merges subgraph answers into its response in place.
   */
  override async process(options: ProcessOptions): Promise<GatewayResponse> {
    const key = this.#mergeIdenticalQueries ? mergeKey(options) : null;
    if (key === null) {
      const signal = options.context.signal;
      return signal ? callSignal.run(signal, () => this.#processOnce(options)) : this.#processOnce(options);
    }
    const pending = this.#inFlight.get(key);
    if (pending) {
      pending.join(options.context.signal);
      const answer = await pending.answer;
      restrictCachePolicy(options, answer);
      return copyOf(answer);
    }
    const shared = sharedSignal();
    shared.join(options.context.signal);
    const answer = callSignal
      .run(shared.signal, () => this.#processOnce(options))
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, { answer, join: shared.join });
    return answer;
  }

  async #processOnce(options: ProcessOptions): Promise<GatewayResponse> {
    const stopTimer = this.#metrics.subgraphSeconds.startTimer({ subgraph: this.name });
    try {
      const response = await super.process(options);
      stopTimer({ outcome: 'ok' });
      return response;
    } catch (error) {
      stopTimer({ outcome: 'error' });
      if (error instanceof GraphQLError && error.extensions.code) throw error;
      throw unavailable(
        this.name,
        (error as Error).name === 'TimeoutError' ? 'it did not answer in time' : 'it could not be reached',
      );
    }
  }

  override async willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(
      IDENTITY_HEADER,
      await signIdentity(context.caller, this.#signingKey, this.name),
    );
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => null)) as {
      errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
    } | null;
    const [first] = body?.errors ?? [];
    if (response.status === 400 && typeof first?.message === 'string') {
      const code = first.extensions?.code;
      return new GraphQLError(first.message, { extensions: code === undefined ? {} : { code } });
    }
    // Anything else (a 401 because the secrets differ, a 5xx) is the hub's fault, not the client's: the details,
    // with the subgraph's internal address, go to the log; the client learns only which part is missing.
    logger.error(
      { subgraph: this.name, status: response.status, url: response.url, error: first?.message },
      'subgraph refused the gateway',
    );
    return unavailable(this.name, `it answered HTTP ${response.status}`);
  }
}
