import { EngramError } from '../../../shared/errors';

/**
 * Why a language model could not answer:
 * - `unavailable`: unreachable, overloaded (5xx, 429), crashed mid-answer or closed; a later attempt may work.
 * - `timeout`: no first token, or no complete answer, in time.
 * - `unauthorized`: the server refused the credentials (401/403); fix the API key in Settings.
 * - `rejected`: the server refused the request itself (400, 404 unknown model, context too long…); it will
 *   refuse it again.
 * - `bad_response`: a 2xx reply that is not a chat completion; retrying will not help.
 * - `circuit_open`: recent calls kept failing, so this one was not even sent; try again after the cool-down.
 */
export type LlmFailure = 'unavailable' | 'unauthorized' | 'rejected' | 'bad_response' | 'timeout' | 'circuit_open';

const RETRYABLE: Record<LlmFailure, boolean> = {
  unavailable: true,
  timeout: true,
  circuit_open: true,
  unauthorized: false,
  rejected: false,
  bad_response: false,
};

export interface LlmErrorExtras {
  /** The HTTP status, when the server answered. */
  httpStatus?: number;
  /** What the server asked for with `Retry-After` (429/503). */
  retryAfterMs?: number;
  /** The answer streamed before the failure; already delivered through `onToken`. */
  partialText?: string;
}

/**
 * Every reason maps to `provider_unavailable` (503), as for speech: the failing party is the configured
 * provider, and a bad provider key must not surface as Engram's own `unauthorized`. `details` carries
 * `{ reason, status? }`; never the partial text (it may be private) nor anything from the request.
 */
export class LlmError extends EngramError {
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  readonly partialText?: string;

  constructor(
    readonly reason: LlmFailure,
    message: string,
    extras: LlmErrorExtras = {},
  ) {
    super('provider_unavailable', message, { reason, ...(extras.httpStatus ? { status: extras.httpStatus } : {}) });
    this.name = 'LlmError';
    this.retryable = RETRYABLE[reason];
    if (extras.httpStatus !== undefined) this.httpStatus = extras.httpStatus;
    if (extras.retryAfterMs !== undefined) this.retryAfterMs = extras.retryAfterMs;
    if (extras.partialText !== undefined) this.partialText = extras.partialText;
  }
}

/** True when the caller should fall back to an extractive answer rather than show a settings problem. */
export function isLlmUnavailable(error: unknown): boolean {
  return error instanceof LlmError && (error.reason === 'unavailable' || error.reason === 'timeout' || error.reason === 'circuit_open');
}
