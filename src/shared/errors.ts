/**
 * Typed errors shared by every transport. The engine throws these; HTTP maps `code` to a status, IPC and the
 * CLI pass `code` and `message` through unchanged so the renderer can react to the kind of failure.
 */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  corrupt_library: 500,
  provider_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}

export class EngramError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngramError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(requestId?: string): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details, requestId } };
  }
}

export const notFound = (what: string, id: string) => new EngramError('not_found', `${what} ${id} does not exist`);
export const invalidInput = (message: string, details?: unknown) => new EngramError('invalid_input', message, details);
