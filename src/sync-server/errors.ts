/** An error with the HTTP status and stable code a client sees; also the refusal reason in the audit log. */
export class RelayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The key the request proved it holds, when known (an expired but genuine token), for the audit log. */
    readonly publicKey: string | null = null,
  ) {
    super(message);
    this.name = 'RelayError';
  }

  toBody(): { error: string; message: string } {
    return { error: this.code, message: this.message };
  }
}
