/**
 * Adding files and voice notes from anywhere. `ImportRoot` is mounted once (App.tsx); everything else asks it
 * through the bus: `openImportPicker()`, `recordVoiceNote()`, `importFiles(files, {meta, label})`.
 *
 * For the shell's command palette (components/shell/Shell.tsx), the entries to add are `IMPORT_COMMANDS`.
 */
import { IMPORT_SHORTCUT, VOICE_NOTE_SHORTCUT } from './ImportButtons';
import { openImportPicker, recordVoiceNote } from './import-bus';

export { ImportRoot } from './ImportRoot';
export { ImportButtons, IMPORT_SHORTCUT, VOICE_NOTE_SHORTCUT } from './ImportButtons';
export { ImportDetails, ImportStatus, type ActiveImport, type FinishedImport } from './ImportStatus';
export { importFiles, onImportRequest, openImportPicker, recordVoiceNote, type ImportRequest } from './import-bus';
export { formatBytes, IMPORT_ACCEPT, progressDetail, summaryText } from './import-text';

/** Palette commands (shape of `PaletteCommand`): spread into the shell's list to offer them in Ctrl/⌘+K. */
export const IMPORT_COMMANDS = [
  { id: 'import-files', group: 'Actions' as const, label: 'Add files…', icon: '⤓', shortcut: IMPORT_SHORTCUT, keywords: ['import', 'upload', 'photo', 'video', 'pdf'], run: () => void openImportPicker() },
  { id: 'voice-note', group: 'Actions' as const, label: 'Record voice note', icon: '●', shortcut: VOICE_NOTE_SHORTCUT, keywords: ['audio', 'microphone', 'dictate'], run: () => void recordVoiceNote() },
];
