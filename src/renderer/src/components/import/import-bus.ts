/**
 * How any part of the app asks the import (mounted once beside the shell) to act: open the file picker, record
 * a voice note, or add files it already has. Works from anywhere without a context, so the shell's palette,
 * a screen's button and the voice recorder all use the same calls.
 */
import type { ImportMeta } from '../../../../shared/client';

export type ImportRequest =
  | { type: 'pick' }
  | { type: 'voice' }
  | { type: 'files'; files: File[]; meta?: ImportMeta; label?: string };

type Listener = (request: ImportRequest) => void;
const listeners = new Set<Listener>();

export function onImportRequest(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function send(request: ImportRequest): boolean {
  listeners.forEach((fn) => fn(request));
  return listeners.size > 0;
}

/** Opens the system file picker for files to add (Ctrl/⌘+O). */
export const openImportPicker = (): boolean => send({ type: 'pick' });
/** Opens the voice-note recorder (Ctrl/⌘+Shift+R). */
export const recordVoiceNote = (): boolean => send({ type: 'voice' });
/** Adds `files` with the shared progress and summary; `label` names a single item ("Voice note"). */
export const importFiles = (files: File[], options: { meta?: ImportMeta; label?: string } = {}): boolean =>
  send({ type: 'files', files, ...options });

/** The window event the desktop app's menus dispatch (detail 'pick' or 'voice'); see src/main/electron/menus.ts. */
export const MENU_IMPORT_EVENT = 'engram:import';
