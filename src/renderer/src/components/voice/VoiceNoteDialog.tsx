/**
 * The recorder in a modal dialog. Not the shared Dialog: there Escape closes at once, and here it must ask
 * first when a recording would be lost, so the recorder handles Escape and the native cancel is held back.
 */
import { useEffect, useId, useRef } from 'react';
import { VoiceRecorder } from './VoiceRecorder';

export interface VoiceNoteDialogProps {
  open: boolean;
  onClose: () => void;
  onSave: (file: File, startedAt: Date) => void;
}

export function VoiceNoteDialog({ open, onClose, onSave }: VoiceNoteDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog voice-dialog" aria-labelledby={titleId} onCancel={(e) => e.preventDefault()}>
      {open && (
        <div className="dialog-inner">
          <h2 id={titleId} className="dialog-title">
            Voice note
          </h2>
          <VoiceRecorder
            onCancel={onClose}
            onSave={(file, startedAt) => {
              onSave(file, startedAt);
              onClose();
            }}
          />
        </div>
      )}
    </dialog>
  );
}
