/** `engram serve` as a real process on a free port with a fresh temp library and a known key. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Server {
  url: string;
  key: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`engram serve exited with ${child.exitCode}; its log is ${log}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`engram serve did not answer ${url}/health within a minute; its log is ${log}`);
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // SIGTERM closes the library cleanly; a server held up by open browser connections is killed.
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => (clearTimeout(force), resolve()));
    child.kill('SIGTERM');
  });
}

/** `name` tells the log files of parallel servers apart (test-results/engram-serve-<name>.log). */
export async function startServer(name: string): Promise<Server> {
  const library = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-e2e-'));
  const port = await freePort();
  const key = `e2e-${Math.random().toString(36).slice(2)}`;
  const url = `http://127.0.0.1:${port}`;
  const log = path.join(repoRoot, 'test-results', `engram-serve-${name}.log`);
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const out = fs.openSync(log, 'w');
  const child = spawn(
    process.execPath,
    ['bin/engram.js', '--library', library, 'serve', '--port', String(port), '--api-key', key, '--rate-limit', '100000'],
    { cwd: repoRoot, stdio: ['ignore', out, out], env: { ...process.env, ENGRAM_LOG_LEVEL: 'warn' } },
  );
  const stop = async () => {
    await kill(child);
    fs.closeSync(out);
    fs.rmSync(library, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, key, stop };
}
