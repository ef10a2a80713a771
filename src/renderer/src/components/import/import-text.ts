/** Words for imports: the summary line, byte sizes, progress details, and what the file picker offers. */
import type { ImportResult, UploadProgress } from '../../../../shared/client';
import type { IngestOutcome } from '../../../../shared/media-schemas';

/** What the file picker offers: what the engine reads (it decides from the bytes; this only filters the dialog). */
export const IMPORT_ACCEPT = [
  'image/*',
  'video/*',
  'audio/*',
  '.heic',
  '.heif',
  '.pdf',
  '.docx',
  '.html',
  '.htm',
  '.md',
  '.markdown',
  '.txt',
].join(',');

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

/** "12 added, 3 already there, 1 not added"; a single added file of a labelled import reads "Voice note added". */
export function summaryText(result: ImportResult, label?: string): string {
  const notAdded = result.rejected + result.skipped;
  if (label && result.outcomes.length === 1 && result.added === 1) return `${label} added`;
  const parts: string[] = [];
  if (result.added || (!result.duplicates && !notAdded)) parts.push(`${result.added.toLocaleString()} added`);
  if (result.duplicates) parts.push(`${result.duplicates.toLocaleString()} already there`);
  if (notAdded) parts.push(`${notAdded.toLocaleString()} not added`);
  const text = parts.join(', ');
  if (!result.cancelled) return text;
  return result.outcomes.length ? `Import cancelled after ${plural(result.outcomes.length, 'file', 'files')}: ${text}` : 'Import cancelled; nothing was added';
}

/** "1.2 of 4.5 MB · 1 of 3 files". */
export function progressDetail(p: UploadProgress): string {
  const files = p.filesTotal > 1 ? ` · ${p.filesDone.toLocaleString()} of ${plural(p.filesTotal, 'file', 'files')}` : '';
  if (p.totalBytes === 0) return `${p.filesDone.toLocaleString()} of ${plural(p.filesTotal, 'file', 'files')}`;
  return `${formatBytes(p.sentBytes)} of ${formatBytes(p.totalBytes)}${files}`;
}

/** The outcomes worth a look, grouped: what was not added (with reasons), then what was already there. */
export function outcomeGroups(outcomes: IngestOutcome[]): { title: string; tone: 'danger' | 'muted' | 'success'; items: IngestOutcome[] }[] {
  const of = (...statuses: IngestOutcome['status'][]) => outcomes.filter((o) => statuses.includes(o.status));
  return [
    { title: 'Not added', tone: 'danger' as const, items: of('rejected', 'skipped') },
    { title: 'Already in the library', tone: 'muted' as const, items: of('duplicate') },
    { title: 'Added', tone: 'success' as const, items: of('added') },
  ].filter((g) => g.items.length > 0);
}

/** The file's name without the folders an engine-side path carries. */
export const displayName = (file: string): string => file.split(/[\\/]/).filter(Boolean).pop() ?? file;

/** "Adding 3 files", "Adding “IMG_2041.jpg”". */
export function importTitle(files: { name: string }[], label?: string): string {
  if (label) return `Adding ${label.toLowerCase()}`;
  return files.length === 1 ? `Adding “${files[0]!.name}”` : `Adding ${plural(files.length, 'file', 'files')}`;
}
