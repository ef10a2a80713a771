/** Progress of a long vault job, told both to the caller's callback and to every client through the event bus. */
import type { Engine } from '../engine/engine';

export type OnProgress = (done: number, total: number) => void;

export interface JobProgress {
  tick(label?: string): void;
}

export function jobProgress(engine: Engine, job: string, total: number, onProgress?: OnProgress): JobProgress {
  let done = 0;
  const report = (label?: string) => {
    onProgress?.(done, total);
    engine.events.emit('job.progress', { job, done, total, label });
  };
  report();
  return {
    tick(label) {
      done++;
      report(label);
    },
  };
}
