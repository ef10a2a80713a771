/**
 * The relay as a y-websocket server: convergence, restart without losing edits, idle unload and reload.
 * Real relay on 127.0.0.1:0, real WebsocketProvider clients, real keys, temp SQLite files.
 */
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Relay } from './server';
import { connect, http, login, makeKey, makeRoom, metric, removeTempDirs, startRelay, tempDb, waitFor, type Client } from './test-helpers';

const open: { clients: Client[]; relays: Relay[] } = { clients: [], relays: [] };
const track = <T extends Client | Relay>(x: T): T => {
  if ('provider' in x) open.clients.push(x);
  else open.relays.push(x);
  return x;
};

afterEach(async () => {
  for (const c of open.clients.splice(0)) c.destroy();
  for (const r of open.relays.splice(0)) await r.close();
});
afterAll(removeTempDirs);

const text = (c: Client) => c.doc.getText('t').toString();

describe('sync relay', () => {
  it('two clients in one room converge on a Y.Text edit', async () => {
    const relay = track(await startRelay());
    const alice = makeKey();
    const bob = makeKey();
    const aliceToken = await login(relay, alice);
    const bobToken = await login(relay, bob);
    await makeRoom(relay, aliceToken, 'notes', [bob.publicKey]);

    const a = track(connect(relay, 'notes', aliceToken));
    const b = track(connect(relay, 'notes', bobToken));
    a.doc.getText('t').insert(0, 'hello');
    await waitFor(() => text(b) === 'hello', 'bob sees alice');
    b.doc.getText('t').insert(5, ' world');
    await waitFor(() => text(a) === 'hello world', 'alice sees bob');
    expect(text(b)).toBe('hello world');
    expect(a.log.statuses).toEqual([]);

    const health = await http(relay, 'GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', connections: 2, roomsLoaded: 1, rooms: 1 });
  });

  it('survives a restart mid-session: stored content is kept and offline edits merge after reconnect', async () => {
    const db = tempDb();
    const relay1 = track(await startRelay({ db }));
    const alice = makeKey();
    const bob = makeKey();
    const carol = makeKey();
    const aliceToken = await login(relay1, alice);
    const bobToken = await login(relay1, bob);
    const carolToken = await login(relay1, carol);
    await makeRoom(relay1, aliceToken, 'journal', [bob.publicKey, carol.publicKey]);

    const a = track(connect(relay1, 'journal', aliceToken));
    const b = track(connect(relay1, 'journal', bobToken));
    a.doc.getText('t').insert(0, 'one ');
    await waitFor(() => text(b) === 'one ', 'first edit shared');

    // Alice goes offline and keeps writing.
    a.provider.disconnect();
    a.doc.getText('t').insert(text(a).length, 'alice-offline ');

    await relay1.close();
    // Bob's provider lost the relay but is still trying to reconnect; he writes during the outage.
    b.doc.getText('t').insert(0, 'bob-outage ');

    // What was synced before the restart is on disk.
    const file = new Database(db, { readonly: true });
    const rows = file.prepare('SELECT data FROM updates WHERE room = ?').all('journal') as { data: Buffer }[];
    file.close();
    const stored = new Y.Doc();
    for (const r of rows) Y.applyUpdate(stored, r.data);
    expect(stored.getText('t').toString()).toBe('one ');

    // Same file, same port: the stock client reconnects by itself.
    const relay2 = track(await startRelay({ db, port: relay1.port }));
    // A token from before the restart is still good: the signing secret lives in the database.
    const c = track(connect(relay2, 'journal', carolToken));
    await waitFor(() => text(c).includes('one ') && text(c).includes('bob-outage '), 'carol gets stored and bob edits');

    a.provider.connect();
    await waitFor(() => text(a) === text(b) && text(b) === text(c) && text(a).includes('alice-offline '), 'all converge');
    for (const part of ['one ', 'bob-outage ', 'alice-offline ']) expect(text(c)).toContain(part);
  });

  it('unloads an idle room and reloads it from SQLite before answering the next sync', async () => {
    const relay = track(await startRelay({ limits: { idleMs: 100 } }));
    const alice = makeKey();
    const bob = makeKey();
    const aliceToken = await login(relay, alice);
    const bobToken = await login(relay, bob);
    await makeRoom(relay, aliceToken, 'idle-room', [bob.publicKey]);

    const a = connect(relay, 'idle-room', aliceToken);
    const b = connect(relay, 'idle-room', bobToken);
    a.doc.getText('t').insert(0, 'kept across unload');
    await waitFor(() => text(b) === 'kept across unload', 'edit reached the relay');
    a.destroy();
    b.destroy();

    await waitFor(async () => (await http(relay, 'GET', '/health')).body.roomsLoaded === 0, 'room unloaded');
    const afterUnload = (await http(relay, 'GET', '/metrics')).body as string;
    expect(metric(afterUnload, 'engram_relay_room_unloads_total')).toBe(1);

    // The first sync step 2 the client gets must already hold the stored content.
    const c = track(connect(relay, 'idle-room', aliceToken));
    const atFirstSync = new Promise<string>((resolve) => c.provider.once('sync', () => resolve(text(c))));
    expect(await atFirstSync).toBe('kept across unload');
    const m = (await http(relay, 'GET', '/metrics')).body as string;
    expect(metric(m, 'engram_relay_room_loads_total')).toBe(2);
    expect(metric(m, 'engram_relay_rooms_loaded')).toBe(1);
  });
});
