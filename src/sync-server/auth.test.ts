/**
 * Who gets in: signed challenges, tokens, room ACLs. Refused websockets must fail at the HTTP upgrade with
 * its status and never receive a message, even from a room full of content.
 */
import crypto from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { SignJWT } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Relay } from './server';
import { connect, http, login, makeKey, makeRoom, removeTempDirs, sleep, startRelay, waitFor, type Client, type TestKey } from './test-helpers';

const open: { clients: Client[]; relays: Relay[] } = { clients: [], relays: [] };
afterEach(async () => {
  for (const c of open.clients.splice(0)) c.destroy();
  for (const r of open.relays.splice(0)) await r.close();
});
afterAll(removeTempDirs);

/** A relay whose wall clock the test moves. */
async function clockedRelay() {
  const clock = { t: Date.now() };
  const relay = await startRelay({ now: () => clock.t });
  open.relays.push(relay);
  return { relay, clock };
}

/** A room with content, owned by a fresh key: what a refused client must never see. */
async function seededRoom(relay: Relay, room: string) {
  const owner = makeKey();
  const ownerToken = await login(relay, owner);
  await makeRoom(relay, ownerToken, room);
  const writer = connect(relay, room, ownerToken);
  const observer = connect(relay, room, ownerToken);
  open.clients.push(writer, observer);
  writer.doc.getText('t').insert(0, 'secret content');
  // Seen by a second client means the relay holds it.
  await waitFor(() => observer.doc.getText('t').toString() === 'secret content', 'room seeded');
}

/** Connects a stock provider that should be refused; returns what its sockets saw. */
async function refusedUpgrade(relay: Relay, room: string, token: string | null) {
  const c = connect(relay, room, token);
  open.clients.push(c);
  await waitFor(() => c.log.statuses.length > 0, 'upgrade refused');
  // Let a retry or two happen as well: none may get further.
  await sleep(150);
  c.provider.disconnect();
  return { log: c.log, text: c.doc.getText('t').toString(), synced: c.provider.synced };
}

async function challenge(relay: Relay, key: TestKey): Promise<string> {
  const r = await http(relay, 'POST', '/auth/challenge', { publicKey: key.publicKey });
  expect(r.status).toBe(200);
  return r.body.challenge;
}

const sign = (challengeB64: string, key: TestKey) =>
  Buffer.from(ed25519.sign(Buffer.from(challengeB64, 'base64url'), key.secretKey)).toString('base64url');

describe('relay auth and ACL', () => {
  it('refuses upgrades without a token, with a forged or expired token, and for keys not in the ACL', async () => {
    const { relay, clock } = await clockedRelay();
    await seededRoom(relay, 'private');

    const none = await refusedUpgrade(relay, 'private', null);

    const stranger = makeKey();
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('engram-relay')
      .setAudience('engram-relay')
      .setSubject(stranger.publicKey)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(crypto.randomBytes(32));
    const forgedResult = await refusedUpgrade(relay, 'private', forged);

    // A genuine token for a key that is not a member.
    const outsiderToken = await login(relay, stranger);
    const outsider = await refusedUpgrade(relay, 'private', outsiderToken);

    // A genuine token of a member, eleven minutes later.
    const member = makeKey();
    const ownerToken = await login(relay, makeKey());
    await makeRoom(relay, ownerToken, 'expiry', [member.publicKey]);
    const memberToken = await login(relay, member);
    clock.t += 11 * 60_000;
    const expired = await refusedUpgrade(relay, 'expiry', memberToken);

    for (const [result, status] of [
      [none, 401],
      [forgedResult, 401],
      [outsider, 403],
      [expired, 401],
    ] as const) {
      expect(result.log.statuses[0]).toBe(status);
      expect(new Set(result.log.statuses)).toEqual(new Set([status]));
      expect(result.log.opened).toBe(0);
      expect(result.log.messages).toBe(0);
      expect(result.synced).toBe(false);
      expect(result.text).toBe('');
    }

    const reasons = relay.audit
      .recent({ room: 'private' })
      .filter((r) => r.event === 'refuse')
      .map((r) => r.reason);
    expect(new Set(reasons)).toEqual(new Set(['no_token', 'token_invalid', 'not_member']));
    const expiredRows = relay.audit.recent({ room: 'expiry' }).filter((r) => r.event === 'refuse');
    expect(expiredRows[0]).toMatchObject({ reason: 'token_expired', publicKey: member.publicKey });
    expect(relay.audit.recent({ room: 'private' }).find((r) => r.reason === 'not_member')?.publicKey).toBe(stranger.publicKey);
  });

  it('uses a challenge once, for the key it was issued to, within 60 seconds', async () => {
    const { relay, clock } = await clockedRelay();
    const key = makeKey();
    const other = makeKey();

    const c1 = await challenge(relay, key);
    const ok = await http(relay, 'POST', '/auth/token', { publicKey: key.publicKey, challenge: c1, signature: sign(c1, key) });
    expect(ok.status).toBe(200);
    expect(Date.parse(ok.body.expiresAt) - clock.t).toBeGreaterThan(9 * 60_000);
    expect(Date.parse(ok.body.expiresAt) - clock.t).toBeLessThanOrEqual(10 * 60_000);
    const reuse = await http(relay, 'POST', '/auth/token', { publicKey: key.publicKey, challenge: c1, signature: sign(c1, key) });
    expect(reuse).toMatchObject({ status: 401, body: { error: 'bad_challenge' } });

    // Issued to `key`, presented by `other` with other's valid signature.
    const c2 = await challenge(relay, key);
    const wrongKey = await http(relay, 'POST', '/auth/token', { publicKey: other.publicKey, challenge: c2, signature: sign(c2, other) });
    expect(wrongKey).toMatchObject({ status: 401, body: { error: 'bad_challenge' } });

    // A bad signature consumes the challenge too.
    const c3 = await challenge(relay, key);
    const badSig = await http(relay, 'POST', '/auth/token', { publicKey: key.publicKey, challenge: c3, signature: sign(c3, other) });
    expect(badSig).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    const retry = await http(relay, 'POST', '/auth/token', { publicKey: key.publicKey, challenge: c3, signature: sign(c3, key) });
    expect(retry).toMatchObject({ status: 401, body: { error: 'bad_challenge' } });

    const c4 = await challenge(relay, key);
    clock.t += 61_000;
    const late = await http(relay, 'POST', '/auth/token', { publicKey: key.publicKey, challenge: c4, signature: sign(c4, key) });
    expect(late).toMatchObject({ status: 401, body: { error: 'challenge_expired' } });

    const malformed = await http(relay, 'POST', '/auth/challenge', { publicKey: 'not-a-key' });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
  });

  it('lets only owners change members, and closes the socket of a removed member', async () => {
    const relay = await startRelay();
    open.relays.push(relay);
    const owner = makeKey();
    const member = makeKey();
    const ownerToken = await login(relay, owner);
    const memberToken = await login(relay, member);

    await makeRoom(relay, ownerToken, 'circle');
    expect((await http(relay, 'PUT', '/rooms/circle', undefined, ownerToken)).status).toBe(200);
    expect((await http(relay, 'PUT', '/rooms/circle', undefined, memberToken)).body.error).toBe('room_exists');
    expect((await http(relay, 'PUT', '/rooms/circle')).status).toBe(401);

    const selfAdd = await http(relay, 'POST', '/rooms/circle/members', { add: [member.publicKey] }, memberToken);
    expect(selfAdd).toMatchObject({ status: 403, body: { error: 'not_owner' } });
    const add = await http(relay, 'POST', '/rooms/circle/members', { add: [member.publicKey] }, ownerToken);
    expect(add.status).toBe(200);
    expect(add.body.members.map((m: { publicKey: string; role: string }) => [m.publicKey, m.role])).toEqual(
      expect.arrayContaining([
        [owner.publicKey, 'owner'],
        [member.publicKey, 'member'],
      ]),
    );
    expect((await http(relay, 'GET', '/rooms/circle/members', undefined, memberToken)).status).toBe(200);
    const stranger = await login(relay, makeKey());
    expect((await http(relay, 'GET', '/rooms/circle/members', undefined, stranger)).status).toBe(403);
    const lastOwner = await http(relay, 'POST', '/rooms/circle/members', { remove: [owner.publicKey] }, ownerToken);
    expect(lastOwner).toMatchObject({ status: 409, body: { error: 'last_owner' } });

    const m = connect(relay, 'circle', memberToken);
    open.clients.push(m);
    await waitFor(() => m.provider.synced, 'member synced');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => m.provider.once('closed', resolve));
    const remove = await http(relay, 'POST', '/rooms/circle/members', { remove: [member.publicKey] }, ownerToken);
    expect(remove.status).toBe(200);
    // 4403 is in the range the stock client treats as final: it stops reconnecting.
    expect((await closed).code).toBe(4403);
    const again = await refusedUpgrade(relay, 'circle', memberToken);
    expect(again.log.statuses[0]).toBe(403);
    expect(relay.audit.recent({ room: 'circle' }).map((r) => r.event)).toEqual(
      expect.arrayContaining(['room_create', 'member_add', 'member_remove', 'join', 'leave', 'refuse']),
    );
  });
});
