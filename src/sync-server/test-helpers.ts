/**
 * Test helpers for the relay: real Ed25519 keys, the real HTTP API, and stock y-websocket providers over
 * Node's `ws`. Not a test file itself (no `.test.ts`), so vitest does not collect it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import pino from 'pino';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createRelay, type Relay, type RelayOptions } from './server';

export const silent = pino({ level: 'silent' });

export interface TestKey {
  secretKey: Uint8Array;
  publicKey: string;
}

export function makeKey(): TestKey {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: Buffer.from(ed25519.getPublicKey(secretKey)).toString('base64url') };
}

const dirs: string[] = [];

export function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-relay-'));
  dirs.push(dir);
  return path.join(dir, 'relay.sqlite');
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export async function startRelay(opts: Partial<RelayOptions> = {}): Promise<Relay> {
  return createRelay({ db: opts.db ?? tempDb(), logger: silent, ...opts });
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

export async function http<T = any>(
  relay: { url: string },
  method: string,
  route: string,
  body?: unknown,
  token?: string,
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(relay.url + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Prometheus text stays a string.
  }
  return { status: res.status, body: parsed as T };
}

/** Signs a fresh challenge: the full login a client does. */
export async function login(relay: { url: string }, key: TestKey): Promise<string> {
  const c = await http(relay, 'POST', '/auth/challenge', { publicKey: key.publicKey });
  if (c.status !== 200) throw new Error(`challenge: ${c.status} ${JSON.stringify(c.body)}`);
  const signature = Buffer.from(ed25519.sign(Buffer.from(c.body.challenge, 'base64url'), key.secretKey)).toString('base64url');
  const t = await http(relay, 'POST', '/auth/token', { publicKey: key.publicKey, challenge: c.body.challenge, signature });
  if (t.status !== 200) throw new Error(`token: ${t.status} ${JSON.stringify(t.body)}`);
  return t.body.token as string;
}

/** Claims `room` for the token's key and adds `members`. */
export async function makeRoom(relay: { url: string }, ownerToken: string, room: string, members: string[] = []): Promise<void> {
  const put = await http(relay, 'PUT', `/rooms/${room}`, undefined, ownerToken);
  if (put.status !== 201) throw new Error(`PUT room: ${put.status} ${JSON.stringify(put.body)}`);
  if (members.length) {
    const add = await http(relay, 'POST', `/rooms/${room}/members`, { add: members }, ownerToken);
    if (add.status !== 200) throw new Error(`members: ${add.status} ${JSON.stringify(add.body)}`);
  }
}

/** What a client socket saw: the HTTP status of a refused upgrade, opens, and messages received. */
export interface SocketLog {
  statuses: number[];
  opened: number;
  messages: number;
  closeCodes: number[];
}

export function socketLog(): SocketLog {
  return { statuses: [], opened: 0, messages: 0, closeCodes: [] };
}

/** `ws` as the provider's WebSocketPolyfill, recording what each socket it makes sees. */
function recordingWebSocket(log: SocketLog) {
  return class RecordingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.on('error', (err) => {
        const m = /Unexpected server response: (\d+)/.exec(err.message);
        if (m) log.statuses.push(Number(m[1]));
      });
      this.on('open', () => (log.opened += 1));
      this.on('message', () => (log.messages += 1));
      this.on('close', (code) => log.closeCodes.push(code));
    }
  };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  log: SocketLog;
  destroy(): void;
}

/** A stock y-websocket provider; BroadcastChannel is off so in-process clients only meet through the relay. */
export function connect(relay: { url: string }, room: string, token: string | null, doc = new Y.Doc()): Client {
  const log = socketLog();
  const provider = new WebsocketProvider(relay.url.replace(/^http/, 'ws'), room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: recordingWebSocket(log) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    log,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(cond: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Parses one sample out of Prometheus text. */
export function metric(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}
