/**
 * The recorder in a modal dialog. Escape does not close it at once, as other dialogs do: it must ask first when
 * a recording would be lost, so the recorder handles Escape and the dialog is not dismissable.
 */
import { Dialog } from '../Dialog';
import { VoiceRecorder } from './VoiceRecorder';

export interface VoiceNoteDialogProps {
  open: boolean;
  onClose: () => void;
  onSave: (file: File, startedAt: Date) => void;
}

export function VoiceNoteDialog({ open, onClose, onSave }: VoiceNoteDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Voice note" className="voice-dialog" dismissable={false}>
      <VoiceRecorder
        onCancel={onClose}
        onSave={(file, startedAt) => {
          onSave(file, startedAt);
          onClose();
        }}
      />
    </Dialog>
  );
}
