/**
 * The Media settings form: text fields for the numbers (so a half-typed value is not forced into one), turned
 * into a `media.settings.set` patch with errors a person can act on. Empty budget or retention means none.
 */
import type { MediaSettings } from '../../../../shared/media-schemas';

export interface MediaForm {
  maxFileMb: string;
  maxVideoMinutes: string;
  windowHours: string;
  maxDistance: string;
  ocr: boolean;
  vision: boolean;
  transcribe: boolean;
  storageBudgetGb: string;
  retentionDays: string;
}

export type MediaFormErrors = Partial<Record<keyof MediaForm, string>>;

export const STEP_CHOICES: { key: 'ocr' | 'vision' | 'transcribe'; label: string; explain: string }[] = [
  { key: 'ocr', label: 'Text in images', explain: 'Reads the words in photos, screenshots and scans, so search finds them.' },
  { key: 'vision', label: 'Objects and faces', explain: 'Tags what a photo shows and where faces are; it runs on this machine.' },
  { key: 'transcribe', label: 'Transcripts', explain: 'Turns speech in recordings and videos into text, with the speech provider below.' },
];

export function formFromSettings(s: MediaSettings): MediaForm {
  return {
    maxFileMb: String(s.maxFileMb),
    maxVideoMinutes: String(s.maxVideoMinutes),
    windowHours: String(s.nearDuplicate.windowHours),
    maxDistance: String(s.nearDuplicate.maxDistance),
    ocr: s.steps.ocr,
    vision: s.steps.vision,
    transcribe: s.steps.transcribe,
    storageBudgetGb: s.storageBudgetGb === null ? '' : String(s.storageBudgetGb),
    retentionDays: s.retentionDays === null ? '' : String(s.retentionDays),
  };
}

export function toSettings(f: MediaForm): { settings: MediaSettings } | { errors: MediaFormErrors } {
  const errors: MediaFormErrors = {};
  const num = (field: keyof MediaForm, min: number, max: number, opts: { whole?: boolean; optional?: boolean; unit?: string } = {}) => {
    const raw = String(f[field]).trim().replace(',', '.');
    if (!raw && opts.optional) return null;
    const value = Number(raw);
    const range = `between ${min.toLocaleString()} and ${max.toLocaleString()}${opts.unit ? ` ${opts.unit}` : ''}`;
    if (!raw || !Number.isFinite(value)) errors[field] = opts.optional ? `Write a number ${range}, or leave it empty` : `Write a number ${range}`;
    else if (opts.whole && !Number.isInteger(value)) errors[field] = `Write a whole number ${range}`;
    else if (value < min || value > max) errors[field] = `Write a number ${range}`;
    return value;
  };
  const settings: MediaSettings = {
    maxFileMb: num('maxFileMb', 1, 100_000, { whole: true, unit: 'MB' })!,
    maxVideoMinutes: num('maxVideoMinutes', 1, 24 * 60, { whole: true, unit: 'minutes' })!,
    nearDuplicate: { windowHours: num('windowHours', 0, 24 * 365, { unit: 'hours' })!, maxDistance: num('maxDistance', 0, 32, { whole: true })! },
    steps: { ocr: f.ocr, vision: f.vision, transcribe: f.transcribe },
    storageBudgetGb: num('storageBudgetGb', 0.1, 1_000_000, { optional: true, unit: 'GB' }),
    retentionDays: num('retentionDays', 1, 100_000, { whole: true, optional: true, unit: 'days' }),
  };
  return Object.keys(errors).length ? { errors } : { settings };
}

/** How alike two photos must be to count as near duplicates, in words, for the threshold's hint. */
export function distanceWords(raw: string): string {
  const d = Number(raw);
  if (!Number.isFinite(d) || raw.trim() === '') return '';
  if (d === 0) return 'Only photos that look identical.';
  if (d <= 6) return 'Only very close shots (a burst, the same scene a moment later).';
  if (d <= 12) return 'Close shots of the same scene, also after resizing or light edits.';
  return 'Loose: similar-looking photos may be grouped even when they differ.';
}
