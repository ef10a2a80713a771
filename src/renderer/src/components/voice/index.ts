/** Voice notes: the recorder (embeddable), its dialog, and the pure helpers. See components/import for saving. */
export { VoiceRecorder, type VoiceRecorderProps } from './VoiceRecorder';
export { VoiceNoteDialog, type VoiceNoteDialogProps } from './VoiceNoteDialog';
export { useVoiceRecorder, type VoiceRecording } from './useVoiceRecorder';
export { CONFIRM_CANCEL_AFTER_MS, formatElapsed, localIso, microphoneError, pickRecordingFormat, voiceNoteFileName } from './recording';
