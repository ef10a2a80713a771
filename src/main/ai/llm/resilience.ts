import { setTimeout as sleep } from 'node:timers/promises';
import { formatMs } from './common';
import { LlmError } from './errors';
import type { ChatMessage, ChatOptions, ChatResult, LlmProvider } from './types';

/**
 * Timeouts, retries and a circuit breaker around a provider. Callers fall back to an extractive answer when
 * the model is unavailable, so "unavailable" must be fast: a dead server is given a couple of quick retries,
 * then the breaker opens and calls fail at once until the cool-down has passed.
 */

/** Time as the breaker and the backoff see it; tests pass a fake one. The timeouts use real timers. */
export interface Clock {
  now(): number;
  /** Rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {}).then(() => undefined),
};

export interface ResilienceOptions {
  /** From sending the request to the first streamed chunk. Default 2 min: a CPU-only server loading a model
   * and reading a long prompt is slow to start. */
  firstTokenTimeoutMs?: number;
  /** Longest silence between chunks once the answer streams. Default 60 s. */
  idleTimeoutMs?: number;
  /** The whole call, retries included. Default 10 min. */
  totalTimeoutMs?: number;
  /** `listModels` and `test`. Default 10 s. */
  requestTimeoutMs?: number;
  /** Extra attempts after a connection failure, 429 or 5xx, only while nothing has streamed. Default 2. */
  retries?: number;
  /** First backoff delay, doubled on each retry, jittered to 50–100 %. Default 250 ms. */
  retryDelayMs?: number;
  /** Cap on one backoff delay. Default 4 s. */
  maxRetryDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails instead. Default 10 s. */
  maxRetryAfterMs?: number;
  /** Consecutive failed calls (unreachable or timed out) that open the circuit. Default 3. */
  failureThreshold?: number;
  /** How long an open circuit fails calls at once. Default 30 s. */
  coolDownMs?: number;
  clock?: Clock;
  /** In [0, 1), for the jitter. */
  random?: () => number;
  /** Breakers by provider id. Default: one registry for the process, so a provider re-created after a
   * settings change keeps its breaker. */
  breakers?: Map<string, CircuitBreaker>;
}

/**
 * Opens after `threshold` consecutive failures, for `coolDownMs`. After the cool-down calls go through again
 * (half-open); the first failure re-opens it, the first success closes it. No single-probe gating: a desktop
 * app makes few concurrent calls.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(
    readonly threshold: number,
    readonly coolDownMs: number,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until calls may go through again; 0 when they may now. */
  waitMs(): number {
    return this.failures < this.threshold ? 0 : Math.max(0, this.openUntil - this.clock.now());
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.threshold) return 'closed';
    return this.waitMs() > 0 ? 'open' : 'half-open';
  }

  success(): void {
    this.failures = 0;
    this.openUntil = 0;
  }

  failure(): void {
    this.failures++;
    if (this.failures >= this.threshold) this.openUntil = this.clock.now() + this.coolDownMs;
  }
}

const sharedBreakers = new Map<string, CircuitBreaker>();

/** A signal that aborts after `ms` with `error` as its reason, so providers rethrow our own message. */
function deadline(ms: number, error: () => LlmError): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(error()), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Failures that say nothing about whether the server is up: they neither open nor close the breaker. */
const NEUTRAL = new Set(['bad_response', 'circuit_open']);

/**
 * `inner` with timeouts, retries and its circuit breaker (keyed by `inner.id`). `label` names the server in
 * messages, e.g. "Ollama at http://127.0.0.1:11434".
 */
export function withResilience(inner: LlmProvider, label: string, options: ResilienceOptions = {}): LlmProvider {
  const {
    firstTokenTimeoutMs = 120_000,
    idleTimeoutMs = 60_000,
    totalTimeoutMs = 10 * 60_000,
    requestTimeoutMs = 10_000,
    retries = 2,
    retryDelayMs = 250,
    maxRetryDelayMs = 4_000,
    maxRetryAfterMs = 10_000,
    failureThreshold = 3,
    coolDownMs = 30_000,
    clock = systemClock,
    random = Math.random,
    breakers = sharedBreakers,
  } = options;
  let breaker = breakers.get(inner.id);
  if (!breaker) breakers.set(inner.id, (breaker = new CircuitBreaker(failureThreshold, coolDownMs, clock)));
  const circuit = breaker;
  const closing = new AbortController();
  const closed = () => new LlmError('unavailable', `${label}: the provider was closed`);

  function backoff(attempt: number, failure: LlmError): number | undefined {
    const delay = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** attempt) * (0.5 + random() / 2);
    if (failure.retryAfterMs === undefined) return delay;
    return failure.retryAfterMs > maxRetryAfterMs ? undefined : Math.max(delay, failure.retryAfterMs);
  }

  async function chat(messages: ChatMessage[], opts: ChatOptions): Promise<ChatResult> {
    opts.signal?.throwIfAborted();
    if (closing.signal.aborted) throw closed();
    const wait = circuit.waitMs();
    if (wait > 0) {
      throw new LlmError('circuit_open', `${label} is not answering; Engram will try again in ${Math.ceil(wait / 1000)} s`);
    }

    const total = deadline(totalTimeoutMs, () => new LlmError('timeout', `${label} did not finish answering within ${formatMs(totalTimeoutMs)}`));
    const callSignals = [total.signal, closing.signal, ...(opts.signal ? [opts.signal] : [])];
    // Everything handed to onToken so far: once non-empty, a retry would show the user text twice.
    let partial = '';
    try {
      for (let attempt = 0; ; attempt++) {
        const watchdog = new AbortController();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const arm = (ms: number, message: string) => {
          clearTimeout(timer);
          timer = setTimeout(() => watchdog.abort(new LlmError('timeout', message)), ms);
        };
        arm(firstTokenTimeoutMs, `${label} sent no answer within ${formatMs(firstTokenTimeoutMs)}`);
        const signal = AbortSignal.any([watchdog.signal, ...callSignals]);
        let failure: LlmError;
        try {
          const result = await inner.chat(messages, {
            ...opts,
            signal,
            onChunk() {
              arm(idleTimeoutMs, `${label} stopped sending the answer for ${formatMs(idleTimeoutMs)}`);
              opts.onChunk?.();
            },
            onToken(text) {
              partial += text;
              opts.onToken?.(text);
            },
          });
          circuit.success();
          return result;
        } catch (error) {
          if (opts.signal?.aborted) throw opts.signal.reason;
          const reason: unknown = error instanceof LlmError ? error : signal.aborted ? signal.reason : error;
          // Not the provider's doing (a bug, a throwing onToken): passed on untouched.
          if (!(reason instanceof LlmError)) throw reason;
          failure = reason;
        } finally {
          clearTimeout(timer);
        }

        if (closing.signal.aborted) throw failure;
        const tries = attempt > 0 ? ` (${attempt + 1} attempts)` : '';
        if (partial) {
          throw new LlmError(
            failure.reason,
            `${failure.message}${tries}; the answer broke off after ${partial.length} characters had streamed (partial answer, not retried)`,
            { ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}), partialText: partial },
          );
        }
        const delay = failure.reason === 'unavailable' && attempt < retries ? backoff(attempt, failure) : undefined;
        if (delay === undefined) {
          if (failure.reason === 'unavailable' || failure.reason === 'timeout') circuit.failure();
          else if (!NEUTRAL.has(failure.reason)) circuit.success(); // it answered: it is up
          throw tries ? new LlmError(failure.reason, `${failure.message}${tries}`, failure) : failure;
        }
        try {
          await clock.sleep(delay, AbortSignal.any(callSignals));
        } catch (error) {
          if (opts.signal?.aborted) throw opts.signal.reason;
          const reason: unknown = callSignals.find((s) => s.aborted)?.reason;
          throw reason instanceof LlmError ? reason : error;
        }
      }
    } finally {
      total.clear();
    }
  }

  /** `listModels` and `test` are the user's explicit checks: they bypass an open circuit, and a success closes it. */
  async function checked<T>(callerSignal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    callerSignal?.throwIfAborted();
    if (closing.signal.aborted) throw closed();
    const limit = deadline(requestTimeoutMs, () => new LlmError('timeout', `${label} did not answer within ${formatMs(requestTimeoutMs)}`));
    try {
      return await run(AbortSignal.any([limit.signal, closing.signal, ...(callerSignal ? [callerSignal] : [])]));
    } finally {
      limit.clear();
    }
  }

  return {
    id: inner.id,
    isRemote: inner.isRemote,
    model: inner.model,
    chat,
    async listModels(opts = {}) {
      const models = await checked(opts.signal, (signal) => inner.listModels({ signal }));
      circuit.success();
      return models;
    },
    async test(opts = {}) {
      try {
        const result = await checked(opts.signal, (signal) => inner.test({ signal }));
        if (result.ok) circuit.success();
        return result;
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    async close() {
      closing.abort(closed());
      await inner.close();
    },
  };
}
