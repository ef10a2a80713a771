export { detectMedia, DOCX_MIME, type DetectedMedia, type MediaKind } from './sniff';
export { safeFileName } from './safe-file-name';
