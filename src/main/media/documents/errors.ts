import { MediaStepError } from '../step-error';

/**
 * Why a document's text could not be read. `timeout` may pass on a retry with a less busy machine; the others
 * will fail the same way every time, so a job should stop retrying and show the message.
 */
export type DocumentFailure = 'damaged' | 'encrypted' | 'encoding' | 'too_large' | 'timeout' | 'unsupported';

export class DocumentError extends MediaStepError<DocumentFailure> {}

/** A byte count for messages. */
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
