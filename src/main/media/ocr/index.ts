/** Offline OCR of images (tesseract.js with the bundled English model). */
export { isDictionaryLike, isNumberLike, type OcrResult, TRUSTED_CONFIDENCE } from './clean';
export { OcrError, type OcrFailure } from './errors';
export { OcrEngine, type OcrEngineOptions, type RecognizeOptions } from './ocr-engine';
export { MAX_SIDE, MIN_SIDE } from './preprocess';
