/** `engram serve`: the engine, the HTTP API and the web UI in one process. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../engine/engine';
import { EventBus } from '../engine/event-bus';
import type { EngineEvents } from '../../shared/events';
import { resolveApiKey } from '../api/auth';
import { createHttpServer } from '../api/http';

export interface ServeOptions {
  port: number;
  host: string;
  apiKey?: string;
  corsOrigin?: string[];
  rateLimit: number;
  library?: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function serve(o: ServeOptions): Promise<void> {
  // Warnings raised while the library opens (an embedder that cannot start) must reach the log too.
  const events = new EventBus();
  const early: EngineEvents['engine.warning'][] = [];
  const offEarly = events.on('engine.warning', (w) => early.push(w));
  const engine = await Engine.open({ library: o.library, events, pipeline: true });
  const { key, generated } = resolveApiKey(engine.settings, o.apiKey);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const app = await createHttpServer(engine, {
    apiKey: key,
    corsOrigins: o.corsOrigin,
    rateLimitPerMinute: o.rateLimit,
    webRoot: path.join(repoRoot, 'out', 'renderer'),
    version: pkg.version,
    logLevel: process.env.ENGRAM_LOG_LEVEL ?? 'info',
  });
  offEarly();
  for (const w of early) app.log.warn(w, w.message);
  engine.events.on('engine.warning', (w) => app.log.warn(w, w.message));
  const address = await app.listen({ port: o.port, host: o.host });
  // One human line on stderr, so stdout stays pure JSON log lines.
  process.stderr.write(
    `Engram is serving ${engine.dir}\n  web UI and API: ${address}\n  API key${generated ? ' (new, kept in the library)' : ''}: ${key}\n`,
  );
  const stop = async () => {
    await app.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
