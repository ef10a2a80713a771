/**
 * End-to-end encryption over the real relay: stock y-websocket clients on 127.0.0.1, real crypto, the relay's
 * SQLite file scanned for plaintext.
 */
import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Relay } from '../../../sync-server/server';
import { connect, login, makeKey, makeRoom, removeTempDirs, startRelay, tempDb, waitFor, type Client } from '../../../sync-server/test-helpers';
import { EncryptedDocBinding, generateX25519KeyPair, RoomKeyring, sealEnvelope } from './index';

const open: { clients: Client[]; bindings: EncryptedDocBinding[]; relays: Relay[] } = { clients: [], bindings: [], relays: [] };
afterEach(async () => {
  for (const b of open.bindings.splice(0)) b.destroy();
  for (const c of open.clients.splice(0)) c.destroy();
  for (const r of open.relays.splice(0)) await r.close();
});
afterAll(removeTempDirs);

async function relayWithRooms(rooms: string[]) {
  const db = tempDb();
  const relay = await startRelay({ db });
  open.relays.push(relay);
  const token = await login(relay, makeKey());
  for (const room of rooms) await makeRoom(relay, token, room);
  return { relay, token, db };
}

/** Copies a keyring as a member would hold it after opening sealed keys (each epoch sealed to its X25519 key). */
function memberRing(from: RoomKeyring, epochs = from.epochs): RoomKeyring {
  const me = generateX25519KeyPair();
  const ring = new RoomKeyring(from.room);
  for (const e of epochs) ring.addSealed(from.sealFor(me.publicKey, e), me.secretKey);
  return ring;
}

interface Peer {
  client: Client;
  doc: Y.Doc;
  binding: EncryptedDocBinding;
  text: () => string;
}

function peer(relay: Relay, room: string, token: string, keyring: RoomKeyring): Peer {
  const client = connect(relay, room, token);
  open.clients.push(client);
  const doc = new Y.Doc();
  const binding = new EncryptedDocBinding({ room, keyring, doc, transport: client.doc });
  open.bindings.push(binding);
  return { client, doc, binding, text: () => doc.getText('body').toString() };
}

function rawClient(relay: Relay, room: string, token: string): Client {
  const c = connect(relay, room, token);
  open.clients.push(c);
  return c;
}

const append = (p: Peer, s: string) => p.doc.getText('body').insert(p.doc.getText('body').length, s);
const transportBytes = (c: Client) => Buffer.from(Y.encodeStateAsUpdate(c.doc));
const envelopesOf = (c: Client) => c.doc.getArray<Uint8Array>('envelopes');

describe('EncryptedDocBinding over the relay', () => {
  it('converges two keyed clients, keeps plaintext out of the relay and the transport, and a keyless client reads nothing', async () => {
    const { relay, token, db } = await relayWithRooms(['notes']);
    const SECRET = 'SECRET-MARKER-e2e-91c4';
    const ring = RoomKeyring.create('notes');
    const a = peer(relay, 'notes', token, ring);
    const b = peer(relay, 'notes', token, memberRing(ring));
    await waitFor(() => a.client.provider.synced && b.client.provider.synced, 'synced');

    append(a, `${SECRET}-a `);
    append(b, `${SECRET}-b `);
    await waitFor(() => a.text().includes(`${SECRET}-b`) && b.text().includes(`${SECRET}-a`), 'converged');
    expect(a.text()).toBe(b.text());
    append(a, 'more ');
    await waitFor(() => b.text() === a.text(), 'converged again');

    // A member of the relay room with no room key: envelopes only, unreadable.
    const c = peer(relay, 'notes', token, new RoomKeyring('notes'));
    await waitFor(() => envelopesOf(c.client).length === envelopesOf(a.client).length, 'keyless synced');
    expect(envelopesOf(c.client).toArray().every((e) => e instanceof Uint8Array)).toBe(true);
    expect(c.text()).toBe('');
    expect(c.binding.pending.get(1)).toBe(envelopesOf(a.client).length);
    expect(c.binding.rejected).toBe(0);

    // Plaintext is in the real docs only.
    expect(Buffer.from(Y.encodeStateAsUpdate(a.doc)).includes(SECRET)).toBe(true);
    for (const p of [a, b, c]) expect(transportBytes(p.client).includes(SECRET)).toBe(false);

    for (const bnd of open.bindings.splice(0)) bnd.destroy();
    for (const cl of open.clients.splice(0)) cl.destroy();
    await relay.close();
    open.relays.splice(0);
    const file = Buffer.concat([db, `${db}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(file.length).toBeGreaterThan(0);
    expect(file.includes(SECRET)).toBe(false);
    expect(file.includes('more ')).toBe(false);
  });

  it('rejects an envelope copied into another room (AAD binds the room) and a tampered one, without breaking the doc', async () => {
    const { relay, token } = await relayWithRooms(['room-a', 'room-b']);
    const ringA = RoomKeyring.create('room-a');
    // Same key and epoch in room B, so only the room binding tells them apart.
    const ringB = new RoomKeyring('room-b');
    ringB.add(1, ringA.get(1)!);
    const a = peer(relay, 'room-a', token, ringA);
    const b = peer(relay, 'room-b', token, ringB);
    const rejectedB: Error[] = [];
    b.binding.destroy();
    b.binding = new EncryptedDocBinding({ room: 'room-b', keyring: ringB, doc: b.doc, transport: b.client.doc, onReject: (e) => rejectedB.push(e) });
    open.bindings.push(b.binding);

    append(a, 'ROOM-A-ONLY');
    await waitFor(() => envelopesOf(a.client).length === 1, 'sealed');
    const stolen = envelopesOf(a.client).get(0);
    const injector = rawClient(relay, 'room-b', token);
    await waitFor(() => injector.provider.synced, 'injector synced');
    envelopesOf(injector).push([stolen.slice()]);
    await waitFor(() => b.binding.rejected === 1, 'copied envelope rejected');
    expect(rejectedB[0]?.message).toMatch(/authentication/);
    expect(b.text()).toBe('');

    // Tampered ciphertext in room A: a second reader rejects it, the doc stays intact and keeps syncing.
    const reader = peer(relay, 'room-a', token, memberRing(ringA));
    await waitFor(() => reader.text() === 'ROOM-A-ONLY', 'reader synced');
    const forged = sealEnvelope(ringA.get(1)!, Y.encodeStateAsUpdate(new Y.Doc()), { room: 'room-a', epoch: 1 });
    const evil = new Y.Doc();
    evil.getText('body').insert(0, 'INJECTED');
    const tampered = sealEnvelope(ringA.get(1)!, Y.encodeStateAsUpdate(evil), { room: 'room-a', epoch: 1 });
    tampered[tampered.length - 30]! ^= 0xff;
    const injectorA = rawClient(relay, 'room-a', token);
    await waitFor(() => injectorA.provider.synced, 'injector A synced');
    envelopesOf(injectorA).push([tampered, new Uint8Array([1, 0, 0, 0, 0, 1, 2, 3])]);
    await waitFor(() => reader.binding.rejected === 2 && a.binding.rejected === 2, 'tampered and junk rejected');
    expect(reader.text()).toBe('ROOM-A-ONLY');
    expect(a.text()).toBe('ROOM-A-ONLY');
    envelopesOf(injectorA).push([forged]); // authentic (a member with the key), harmless empty update
    append(reader, ' after');
    await waitFor(() => a.text() === 'ROOM-A-ONLY after', 'still converging');
    expect(a.binding.rejected).toBe(2);
    // Compaction leaves what it could not open in place.
    const res = a.binding.compact()!;
    expect(res.kept).toBe(2);
    await waitFor(() => envelopesOf(reader.client).length === 3, 'compaction relayed');
    expect(reader.text()).toBe('ROOM-A-ONLY after');
  });

  it('compacts N envelopes into one snapshot; clients and a late joiner that gets only the snapshot converge', async () => {
    const { relay, token } = await relayWithRooms(['journal']);
    const ring = RoomKeyring.create('journal');
    const a = peer(relay, 'journal', token, ring);
    const b = peer(relay, 'journal', token, memberRing(ring));
    await waitFor(() => a.client.provider.synced && b.client.provider.synced, 'synced');
    const N = 12;
    for (let i = 0; i < N; i++) append(i % 2 ? a : b, `line-${i} `);
    await waitFor(() => envelopesOf(a.client).length === N && envelopesOf(b.client).length === N, 'N envelopes');
    await waitFor(() => a.text() === b.text() && a.text().includes(`line-${N - 1}`), 'converged');
    const before = a.text();
    const oldEnvelopes = envelopesOf(a.client).toArray().map((e) => Buffer.from(e));

    const res = a.binding.compact();
    expect(res).toMatchObject({ removed: N, kept: 0, epoch: 1 });
    expect(envelopesOf(a.client).length).toBe(1);
    await waitFor(() => envelopesOf(b.client).length === 1, 'snapshot relayed');
    expect(b.text()).toBe(before);
    expect(a.text()).toBe(before);

    const late = peer(relay, 'journal', token, memberRing(ring));
    await waitFor(() => late.client.provider.synced, 'late synced');
    expect(envelopesOf(late.client).length).toBe(1);
    await waitFor(() => late.text() === before, 'late joiner reads the snapshot');
    const stored = transportBytes(late.client);
    for (const e of oldEnvelopes) expect(stored.includes(e.subarray(30))).toBe(false);

    append(b, 'after-compaction ');
    append(late, 'from-late ');
    await waitFor(() => [a, b, late].every((p) => p.text().includes('after-compaction') && p.text().includes('from-late')), 'converged after');
    expect(new Set([a.text(), b.text(), late.text()]).size).toBe(1);
    // Compacting again from another member is fine too.
    expect(b.binding.compact()).toMatchObject({ removed: 3, kept: 0 });
    await waitFor(() => envelopesOf(a.client).length === 1 && envelopesOf(late.client).length === 1, 'second compaction relayed');
    append(a, 'end');
    await waitFor(() => [b, late].every((p) => p.text() === a.text()), 'converged at end');
  });

  it('rotates the key after removing a member: new edits use epoch 2, which the removed member cannot read', async () => {
    const { relay, token } = await relayWithRooms(['circle']);
    const owner = RoomKeyring.create('circle');
    const bob = generateX25519KeyPair();
    const carol = generateX25519KeyPair();
    const bobRing = new RoomKeyring('circle');
    const carolRing = new RoomKeyring('circle');
    bobRing.addSealed(owner.sealFor(bob.publicKey), bob.secretKey);
    carolRing.addSealed(owner.sealFor(carol.publicKey), carol.secretKey);

    const a = peer(relay, 'circle', token, owner);
    const b = peer(relay, 'circle', token, bobRing);
    const c = peer(relay, 'circle', token, carolRing);
    append(a, 'shared-before ');
    await waitFor(() => b.text() === 'shared-before ' && c.text() === 'shared-before ', 'epoch 1 shared');

    // Carol is removed: a new epoch, sealed to Bob only. Bob gets it after the first epoch-2 edit arrives.
    const { epoch, sealed } = owner.rotateFor([bob.publicKey]);
    expect(epoch).toBe(2);
    append(a, 'AFTER-ROTATION-SECRET ');
    await waitFor(() => b.binding.pending.get(2) === 1 && c.binding.pending.get(2) === 1, 'epoch-2 envelope pending');
    const last = envelopesOf(a.client).get(envelopesOf(a.client).length - 1);
    expect(last[5]).toBe(2); // header epoch
    expect(b.text()).toBe('shared-before ');
    bobRing.addSealed(sealed[0]!, bob.secretKey);
    expect(b.text()).toBe('shared-before AFTER-ROTATION-SECRET ');
    expect(b.binding.pendingCount).toBe(0);
    expect(() => carolRing.addSealed(sealed[0]!, carol.secretKey)).toThrow();

    // Bob writes under epoch 2 now too.
    append(b, 'bob-epoch-2 ');
    await waitFor(() => a.text().includes('bob-epoch-2'), 'bob relayed');
    const bobLast = envelopesOf(b.client).get(envelopesOf(b.client).length - 1);
    expect(bobLast[5]).toBe(2);

    expect(c.text()).toBe('shared-before ');
    expect(c.binding.pending.get(2)).toBe(2);
    expect(c.binding.rejected).toBe(0);

    // A snapshot after rotation is sealed under epoch 2: Carol can read none of it.
    expect(a.binding.compact()).toMatchObject({ epoch: 2, kept: 0 });
    await waitFor(() => envelopesOf(c.client).length === 1, 'snapshot relayed');
    expect(c.text()).toBe('shared-before ');
    const late = peer(relay, 'circle', token, carolRing);
    await waitFor(() => late.client.provider.synced && envelopesOf(late.client).length === 1, 'carol rejoins');
    expect(late.text()).toBe('');
    expect(late.binding.pending.get(2)).toBe(1);
    expect(b.text()).toBe(a.text());
  });

  it('queues local edits made before any key is held and publishes them when the key arrives', async () => {
    const { relay, token } = await relayWithRooms(['q']);
    const ring = RoomKeyring.create('q');
    const a = peer(relay, 'q', token, ring);
    const me = generateX25519KeyPair();
    const lateRing = new RoomKeyring('q');
    const b = peer(relay, 'q', token, lateRing);
    append(b, 'offline-edit ');
    await waitFor(() => b.client.provider.synced, 'synced');
    expect(envelopesOf(b.client).length).toBe(0);
    lateRing.addSealed(ring.sealFor(me.publicKey), me.secretKey);
    await waitFor(() => a.text() === 'offline-edit ', 'published after key');
  });
});
