/**
 * Records from the microphone while mounted: MediaRecorder on getUserMedia({audio}), an analyser for the
 * level meter, and a clock. `stop()` resolves to the recording as a File; `discard()` throws it away. The
 * microphone is released on stop, discard and unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { levelOf, microphoneError, pickRecordingFormat, voiceNoteFileName } from './recording';

export type RecorderPhase = 'starting' | 'recording' | 'saving' | 'error';

export interface VoiceRecording {
  phase: RecorderPhase;
  /** Since recording started. */
  elapsedMs: number;
  /** 0–1, for the meter. */
  level: number;
  error: string | null;
  startedAt: Date | null;
  stop(): Promise<{ file: File; startedAt: Date } | null>;
  discard(): void;
}

const TICK_MS = 200;
// Chunks every second, so a crash or a closed window loses at most the last one of what was collected.
const TIMESLICE_MS = 1000;

export function useVoiceRecorder(): VoiceRecording {
  const [phase, setPhase] = useState<RecorderPhase>('starting');
  const [error, setError] = useState<string | null>(null);
  const [elapsedMs, setElapsed] = useState(0);
  const [level, setLevel] = useState(0);
  const [startedAt, setStartedAt] = useState<Date | null>(null);
  const session = useRef<{
    recorder: MediaRecorder;
    chunks: Blob[];
    release: () => void;
    extension: string;
    fileType: string;
    startedAt: Date;
  } | null>(null);

  useEffect(() => {
    let alive = true;
    let release = () => {};
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') throw Object.assign(new Error(''), { name: 'NotSupportedError' });
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      if (!alive) return stream.getTracks().forEach((t) => t.stop());
      const format = pickRecordingFormat((t) => MediaRecorder.isTypeSupported(t));
      const recorder = new MediaRecorder(stream, format.mimeType ? { mimeType: format.mimeType } : undefined);
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);

      // The meter: loudness of the last few milliseconds, read each frame.
      const audio = new AudioContext();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 1024;
      audio.createMediaStreamSource(stream).connect(analyser);
      const samples = new Uint8Array(analyser.fftSize);
      let frame = 0;
      const meter = () => {
        analyser.getByteTimeDomainData(samples);
        // Rounded, so a steady sound does not re-render every frame.
        setLevel(Math.round(levelOf(samples) * 40) / 40);
        frame = requestAnimationFrame(meter);
      };
      const began = new Date();
      const clock = setInterval(() => setElapsed(Date.now() - began.getTime()), TICK_MS);
      release = () => {
        clearInterval(clock);
        cancelAnimationFrame(frame);
        stream.getTracks().forEach((t) => t.stop());
        void audio.close().catch(() => undefined);
      };
      recorder.start(TIMESLICE_MS);
      meter();
      session.current = { recorder, chunks, release, extension: format.extension, fileType: format.fileType, startedAt: began };
      setStartedAt(began);
      setPhase('recording');
    })().catch((e: unknown) => {
      if (!alive) return;
      setError(microphoneError(e));
      setPhase('error');
    });
    return () => {
      alive = false;
      const s = session.current;
      session.current = null;
      if (s && s.recorder.state !== 'inactive') s.recorder.stop();
      (s?.release ?? release)();
    };
  }, []);

  const stop = useCallback(async () => {
    const s = session.current;
    if (!s) return null;
    session.current = null;
    setPhase('saving');
    const stopped = new Promise<void>((resolve) => s.recorder.addEventListener('stop', () => resolve(), { once: true }));
    if (s.recorder.state !== 'inactive') s.recorder.stop();
    await stopped;
    s.release();
    const file = new File(s.chunks, voiceNoteFileName(s.startedAt, s.extension), { type: s.fileType, lastModified: s.startedAt.getTime() });
    return { file, startedAt: s.startedAt };
  }, []);

  const discard = useCallback(() => {
    const s = session.current;
    session.current = null;
    if (!s) return;
    if (s.recorder.state !== 'inactive') s.recorder.stop();
    s.release();
  }, []);

  return { phase, elapsedMs, level, error, startedAt, stop, discard };
}
