/** "Add files…" and "Record voice note" buttons for any screen; they drive the app-wide import (ImportRoot). */
import { Kbd } from '../Kbd';
import { shortcutText } from '../keys';
import { openImportPicker, recordVoiceNote } from './import-bus';

export const IMPORT_SHORTCUT = ['Mod', 'O'];
export const VOICE_NOTE_SHORTCUT = ['Mod', 'Shift', 'R'];

export function ImportButtons({ showKeys = true }: { showKeys?: boolean }) {
  return (
    <div className="row import-buttons">
      <button type="button" className="button" onClick={openImportPicker} title={shortcutText(IMPORT_SHORTCUT)} aria-keyshortcuts="Control+O Meta+O">
        <span aria-hidden="true">＋</span>Add files…{showKeys && <Kbd keys={IMPORT_SHORTCUT} />}
      </button>
      <button type="button" className="button" onClick={recordVoiceNote} title={shortcutText(VOICE_NOTE_SHORTCUT)} aria-keyshortcuts="Control+Shift+R Meta+Shift+R">
        <span className="voice-dot" aria-hidden="true" />
        Record voice note{showKeys && <Kbd keys={VOICE_NOTE_SHORTCUT} />}
      </button>
    </div>
  );
}
