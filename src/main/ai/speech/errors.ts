import { EngramError } from '../../../shared/errors';

/**
 * Why a speech provider could not transcribe:
 * - `unavailable`: unreachable, overloaded (5xx, 429) or closed; a later attempt may work.
 * - `timeout`: no complete reply in time; a later attempt, on a less busy server, may work.
 * - `unauthorized`: the server refused the credentials (401/403); fix the API key in Settings.
 * - `rejected`: the server refused the request itself (400, 404 unknown model, 413 too large…); it will
 *   refuse it again.
 * - `bad_response`: a 2xx reply that is not a transcript (not JSON, wrong shape); retrying will not help.
 */
export type SpeechFailure = 'unavailable' | 'unauthorized' | 'rejected' | 'bad_response' | 'timeout';

const RETRYABLE: Record<SpeechFailure, boolean> = {
  unavailable: true,
  timeout: true,
  unauthorized: false,
  rejected: false,
  bad_response: false,
};

/**
 * Every reason maps to `provider_unavailable` (503): the failing party is the configured provider, not the
 * caller. In particular a bad provider key must not surface as Engram's own `unauthorized`, which makes web
 * clients drop their session. `details` carries `{ reason, status? }` for callers that need the kind.
 */
export class SpeechError extends EngramError {
  readonly retryable: boolean;

  constructor(
    readonly reason: SpeechFailure,
    message: string,
    /** The HTTP status, when the server answered. */
    readonly httpStatus?: number,
  ) {
    super('provider_unavailable', message, { reason, ...(httpStatus ? { status: httpStatus } : {}) });
    this.name = 'SpeechError';
    this.retryable = RETRYABLE[reason];
  }
}
