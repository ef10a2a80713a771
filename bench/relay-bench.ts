/**
 * The sync relay under load: update propagation to 100 connected clients, and the relay's memory with 10,000
 * stored rooms of which 100 are active. The relay runs in a child process (this file with `--child`), so the
 * bench's own clients are not counted in its RSS, read from /proc/<pid>/status.
 * Usage: node --import tsx bench/relay-bench.ts        (prints one JSON line per measurement)
 * Env: RELAY_BENCH_ROOMS (10000), RELAY_BENCH_EDITS (200), RELAY_BENCH_IDLE_MS (2000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pino from 'pino';
import * as Y from 'yjs';
import { Acl } from '../src/sync-server/acl';
import { createRelay } from '../src/sync-server/server';
import { openStore, UpdateStore } from '../src/sync-server/store';
import { connect, http, login, makeKey, sleep, waitFor, type Client } from '../src/sync-server/test-helpers';
import { mb, round, summarise } from './stats';

// Raised for the bench only: every bench client signs in with one key, and that key owns all 10,000 rooms.
const BENCH_LIMITS = { maxConnectionsPerKey: 1000, maxRoomsPerKey: 100_000 };

if (process.argv[2] === '--child') {
  const [, , , db, idleMs] = process.argv;
  const relay = await createRelay({
    db: db!,
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
    limits: { ...BENCH_LIMITS, idleMs: Number(idleMs) },
  });
  console.log(JSON.stringify({ url: relay.url }));
  // "gc" on stdin forces a collection (the child runs with --expose-gc), to tell live memory from garbage.
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'gc') (globalThis as { gc?: () => void }).gc?.();
    console.log(JSON.stringify({ gc: true }));
  });
  process.once('SIGTERM', () => void relay.close().then(() => process.exit(0)));
} else {
  await main();
}

function emit(o: Record<string, unknown>): void {
  console.log(JSON.stringify(o));
}

function vm(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function startChild(db: string, idleMs: number): Promise<{ child: ChildProcess; url: string; lines: readline.Interface }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--child', db, String(idleMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (l) => resolve((JSON.parse(l) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`relay child exited with ${code}`)));
  });
  return { child, url, lines };
}

async function forceGc(child: ChildProcess, lines: readline.Interface): Promise<void> {
  const done = new Promise<void>((resolve) => lines.once('line', () => resolve()));
  child.stdin!.write('gc\n');
  await done;
}

/** Stores `count` rooms owned by `owner`, each with a short Y.Text, straight into the relay's SQLite file. */
function seed(db: string, owner: string, names: string[]): void {
  const d = openStore(db);
  const acl = new Acl(d, Date.now);
  const updates = new UpdateStore(d, Date.now);
  d.transaction(() => {
    for (const name of names) {
      acl.create(name, owner, Number.MAX_SAFE_INTEGER);
      const doc = new Y.Doc();
      doc.getText('t').insert(0, `Room ${name}: a short note with a little content, as a synced page would hold.`);
      updates.append(name, Y.encodeStateAsUpdate(doc));
      doc.destroy();
    }
  })();
  d.close();
}

function synced(c: Client): Promise<void> {
  return new Promise<void>((resolve) => {
    if (c.provider.synced) return resolve();
    c.provider.once('sync', (s: boolean) => s && resolve());
  });
}

/** `rooms` rooms × `perRoom` clients; one writer a room makes `edits` one-character edits `gapMs` apart. */
async function propagation(url: string, token: string, rooms: string[], perRoom: number, edits: number, gapMs: number) {
  const groups = rooms.map((room) => Array.from({ length: perRoom }, () => connect({ url }, room, token)));
  const all = groups.flat();
  await Promise.all(all.map(synced));
  const sent = rooms.map(() => new Array<number>(edits + 1).fill(0));
  const perReceiver: number[] = [];
  // Time until the last receiver of each room has an edit: the max over receivers of (applied − sent).
  const last = rooms.map(() => new Array<number>(edits + 1).fill(0));
  groups.forEach((clients, r) => {
    for (const c of clients.slice(1)) {
      let seen = c.doc.getText('t').length;
      const base = seen;
      c.doc.getText('t').observe(() => {
        const now = performance.now();
        const len = c.doc.getText('t').length - base;
        for (let i = seen - base + 1; i <= len; i++) {
          const dt = now - sent[r]![i]!;
          perReceiver.push(dt);
          last[r]![i] = Math.max(last[r]![i]!, dt);
        }
        seen = base + len;
      });
    }
  });
  const writers = groups.map((g) => g[0]!);
  for (let i = 1; i <= edits; i++) {
    writers.forEach((w, r) => {
      const t = w.doc.getText('t');
      sent[r]![i] = performance.now();
      t.insert(t.length, 'x');
    });
    await sleep(gapMs);
  }
  const want = writers.map((w) => w.doc.getText('t').length);
  await waitFor(() => groups.every((g, r) => g.every((c) => c.doc.getText('t').length === want[r])), 'every receiver has every edit', 30_000);
  for (const c of all) c.destroy();
  return { toLast: summarise(last.flatMap((l) => l.slice(1))), perReceiver: summarise(perReceiver) };
}

async function main(): Promise<void> {
  // Each y-websocket provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  const roomCount = Number(process.env.RELAY_BENCH_ROOMS ?? 10_000);
  const edits = Number(process.env.RELAY_BENCH_EDITS ?? 200);
  const idleMs = Number(process.env.RELAY_BENCH_IDLE_MS ?? 2000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-relay-bench-'));
  const db = path.join(dir, 'relay.sqlite');
  const key = makeKey();
  const names = Array.from({ length: roomCount }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  const propRooms = Array.from({ length: 10 }, (_, i) => `prop-${i}`);
  let t = performance.now();
  seed(db, key.publicKey, [...names, 'prop-one', ...propRooms]);
  emit({ what: 'seed', rooms: roomCount + 11, ms: round(performance.now() - t) });

  const { child, url, lines } = await startChild(db, idleMs);
  const pid = child.pid!;
  try {
    const token = await login({ url }, key);
    emit({ what: 'relay_started', rssMB: mb(vm(pid).rss) });

    // (a) one room, 100 clients: 1 writer, 99 receivers.
    const one = await propagation(url, token, ['prop-one'], 100, edits, 20);
    emit({ what: 'propagation', layout: '1 room x 100 clients', edits, gapMs: 20, receivers: 99, toLastReceiverMs: one.toLast, perReceiverMs: one.perReceiver, target: 'p95 <= 50 ms' });
    const ten = await propagation(url, token, propRooms, 10, edits, 20);
    emit({ what: 'propagation', layout: '10 rooms x 10 clients', edits, gapMs: 20, receivers: 90, toLastReceiverMs: ten.toLast, perReceiverMs: ten.perReceiver, target: 'p95 <= 50 ms' });

    // (b) memory: open every room once (each loads into the relay), then keep 100 active and let the rest unload.
    t = performance.now();
    const batch = 200;
    for (let i = 0; i < names.length; i += batch) {
      const clients = names.slice(i, i + batch).map((room) => connect({ url }, room, token));
      await Promise.all(clients.map(synced));
      for (const c of clients) c.destroy();
    }
    const afterLoad = vm(pid);
    emit({ what: 'rooms_opened', rooms: names.length, seconds: round((performance.now() - t) / 1000), rssMB: mb(afterLoad.rss), peakRssMB: mb(afterLoad.hwm) });
    const active = names.slice(0, 100).map((room) => connect({ url }, room, token));
    await Promise.all(active.map(synced));
    await waitFor(
      async () => (await http<{ roomsLoaded: number }>({ url }, 'GET', '/health')).body.roomsLoaded <= 100,
      'idle rooms to unload',
      idleMs + 30_000,
    );
    await sleep(1000);
    const health = (await http({ url }, 'GET', '/health')).body as { connections: number; roomsLoaded: number; rooms: number };
    const steady = vm(pid);
    await forceGc(child, lines);
    await sleep(500);
    const afterGc = vm(pid);
    emit({
      what: 'memory',
      roomsStored: health.rooms,
      roomsLoaded: health.roomsLoaded,
      connections: health.connections,
      rssMB: mb(steady.rss),
      rssAfterGcMB: mb(afterGc.rss),
      peakRssMB: mb(afterGc.hwm),
      target: 'RSS <= 500 MB',
    });
    for (const c of active) c.destroy();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
