/**
 * The voice-note recorder: it starts recording when it appears, shows the time and a level meter, and Stop
 * hands the recording to `onSave`. Escape (or Cancel) throws it away, after asking when it is longer than a
 * few seconds. Used by the app-wide recorder dialog (Ctrl/⌘+Shift+R); a screen can embed it as it is.
 */
import { useEffect, useRef, useState } from 'react';
import { CONFIRM_CANCEL_AFTER_MS, formatElapsed } from './recording';
import { useVoiceRecorder } from './useVoiceRecorder';

export interface VoiceRecorderProps {
  /** The recording, named "Voice note <date> <time>", and when it started (its event time). */
  onSave: (file: File, startedAt: Date) => void;
  /** Closed without saving (cancelled, or after an error). */
  onCancel: () => void;
  /** Whether Escape anywhere in the window cancels (true in a modal dialog). */
  escapeAnywhere?: boolean;
}

export function VoiceRecorder({ onSave, onCancel, escapeAnywhere = true }: VoiceRecorderProps) {
  const rec = useVoiceRecorder();
  const [confirming, setConfirming] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);

  const cancel = () => {
    rec.discard();
    onCancel();
  };
  const requestCancel = () => {
    if (rec.phase === 'recording' && rec.elapsedMs > CONFIRM_CANCEL_AFTER_MS) setConfirming(true);
    else cancel();
  };
  const save = async () => {
    const result = await rec.stop();
    if (result) onSave(result.file, result.startedAt);
  };

  // Escape asks to cancel; a second Escape while asking keeps recording.
  const latest = useRef({ requestCancel, confirming });
  latest.current = { requestCancel, confirming };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (!escapeAnywhere && !root.current?.contains(e.target as Node)) return;
      e.preventDefault();
      e.stopPropagation();
      if (latest.current.confirming) setConfirming(false);
      else latest.current.requestCancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [escapeAnywhere]);

  useEffect(() => {
    if (rec.phase === 'recording' && !confirming) stopButton.current?.focus();
  }, [rec.phase, confirming]);

  if (rec.phase === 'error') {
    return (
      <div className="voice-recorder" ref={root}>
        <p className="form-error" role="alert">
          {rec.error}
        </p>
        <div className="voice-actions">
          <button type="button" className="button" onClick={onCancel} autoFocus>
            Close
          </button>
        </div>
      </div>
    );
  }

  const recording = rec.phase === 'recording';
  return (
    <div className="voice-recorder" ref={root}>
      <div className="voice-status">
        <span className="voice-dot" data-live={recording || undefined} aria-hidden="true" />
        <span role="status">{rec.phase === 'starting' ? 'Starting the microphone…' : rec.phase === 'saving' ? 'Saving…' : 'Recording'}</span>
        <span className="voice-elapsed" aria-label={`Recorded ${formatElapsed(rec.elapsedMs)}`}>
          {formatElapsed(rec.elapsedMs)}
        </span>
      </div>
      <div
        className="voice-level"
        role="meter"
        aria-label="Microphone level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(rec.level * 100)}
      >
        <div className="voice-level-fill" style={{ transform: `scaleX(${recording ? rec.level : 0})` }} />
      </div>
      {confirming ? (
        <div className="voice-confirm" role="alertdialog" aria-label="Discard the recording?">
          <p>Discard this {formatElapsed(rec.elapsedMs)} recording? It has not been saved.</p>
          <div className="voice-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              Keep recording
            </button>
            <button type="button" className="button button-danger" onClick={cancel}>
              Discard
            </button>
          </div>
        </div>
      ) : (
        <div className="voice-actions">
          <button type="button" className="button" onClick={requestCancel} disabled={rec.phase === 'saving'}>
            Cancel
          </button>
          <button ref={stopButton} type="button" className="button button-primary" onClick={() => void save()} disabled={!recording}>
            <span className="voice-stop-icon" aria-hidden="true" />
            Stop and save
          </button>
        </div>
      )}
      <p className="muted small">
        Saved as an audio item on today’s timeline. It is transcribed when a speech provider is set in Settings → Speech.
      </p>
    </div>
  );
}
