import { EngramError } from '../../shared/errors';

/**
 * Why a media step gave up, with a reason the pipeline stores beside the failed step. Too-large input maps to
 * 413, everything else to 400: the file itself is at fault, not the request.
 */
export class MediaStepError<Reason extends string> extends EngramError {
  constructor(
    readonly reason: Reason,
    message: string,
  ) {
    super(reason === 'too_large' ? 'payload_too_large' : 'invalid_input', message, { reason });
    this.name = new.target.name;
  }
}
