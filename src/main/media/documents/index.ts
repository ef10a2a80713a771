export { extractText, EXTRACTABLE_MIMES } from './extract';
export { DocumentError, type DocumentFailure } from './errors';
export { DEFAULT_LIMITS, type ExtractLimits, type ExtractedText } from './types';
