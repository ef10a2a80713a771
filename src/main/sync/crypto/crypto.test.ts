/**
 * Unit tests of envelopes and room keys: real XChaCha20-Poly1305, X25519 and Ed25519, no mocks.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  EnvelopeError,
  generateRoomKey,
  generateX25519KeyPair,
  openEnvelope,
  openRoomKey,
  parseEnvelope,
  RoomKeyError,
  RoomKeyring,
  sealEnvelope,
  sealRoomKey,
  x25519FromEd25519Secret,
  x25519PublicFromEd25519,
} from './index';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('envelopes', () => {
  it('round-trips an update with a clear header and no plaintext in the bytes', () => {
    const key = generateRoomKey();
    const env = sealEnvelope(key, bytes('PLAIN-UPDATE-1'), { room: 'r1', epoch: 3 });
    expect(parseEnvelope(env)).toMatchObject({ v: 1, kind: 'update', epoch: 3 });
    expect(Buffer.from(env).includes('PLAIN-UPDATE-1')).toBe(false);
    const opened = openEnvelope(key, env, 'r1');
    expect(opened).toMatchObject({ kind: 'update', epoch: 3 });
    expect(text(opened.update)).toBe('PLAIN-UPDATE-1');
    const snap = sealEnvelope(key, bytes('S'), { room: 'r1', epoch: 3, kind: 'snapshot' });
    expect(openEnvelope(key, snap, 'r1').kind).toBe('snapshot');
  });

  it('refuses another room, a relabelled epoch or kind, a wrong key, tampering and junk', () => {
    const key = generateRoomKey();
    const env = sealEnvelope(key, bytes('x'), { room: 'r1', epoch: 1 });
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(EnvelopeError);
        return (err as EnvelopeError).code;
      }
      return 'opened';
    };
    expect(code(() => openEnvelope(key, env, 'r2'))).toBe('auth_failed');
    expect(code(() => openEnvelope(generateRoomKey(), env, 'r1'))).toBe('auth_failed');
    const epoch = env.slice();
    epoch[5] = 2;
    expect(code(() => openEnvelope(key, epoch, 'r1'))).toBe('auth_failed');
    const kind = env.slice();
    kind[1] = 1;
    expect(code(() => openEnvelope(key, kind, 'r1'))).toBe('auth_failed');
    const ct = env.slice();
    ct[ct.length - 20]! ^= 1;
    expect(code(() => openEnvelope(key, ct, 'r1'))).toBe('auth_failed');
    const version = env.slice();
    version[0] = 9;
    expect(code(() => openEnvelope(key, version, 'r1'))).toBe('unsupported_version');
    expect(code(() => openEnvelope(key, env.subarray(0, 20), 'r1'))).toBe('malformed');
    expect(code(() => openEnvelope(key, 'not bytes', 'r1'))).toBe('malformed');
  });
});

describe('room keys', () => {
  it('seals a room key to a member X25519 key derived from its Ed25519 identity, and only that member opens it', () => {
    const edSecret = ed25519.utils.randomSecretKey();
    const edPublic = ed25519.getPublicKey(edSecret);
    const member = x25519FromEd25519Secret(edSecret);
    // The sender needs only the Ed25519 public key the relay ACL lists.
    expect(Buffer.from(x25519PublicFromEd25519(edPublic))).toEqual(Buffer.from(member.publicKey));

    const roomKey = generateRoomKey();
    const sealed = sealRoomKey(roomKey, x25519PublicFromEd25519(edPublic), { room: 'notes', epoch: 4 });
    expect(Buffer.from(sealed).includes(Buffer.from(roomKey))).toBe(false);
    const opened = openRoomKey(sealed, member.secretKey, 'notes');
    expect(opened.epoch).toBe(4);
    expect(Buffer.from(opened.key)).toEqual(Buffer.from(roomKey));

    const other = generateX25519KeyPair();
    expect(() => openRoomKey(sealed, other.secretKey, 'notes')).toThrow(RoomKeyError);
    expect(() => openRoomKey(sealed, member.secretKey, 'other-room')).toThrow(/did not open/);
    const relabelled = sealed.slice();
    relabelled[4] = 5; // epoch 4 -> 5
    expect(() => openRoomKey(relabelled, member.secretKey, 'notes')).toThrow(/did not open/);
  });

  it('rotates: a new epoch sealed only to remaining members; the removed one keeps old epochs only', () => {
    const owner = RoomKeyring.create('circle');
    const bob = generateX25519KeyPair();
    const carol = generateX25519KeyPair();
    const bobRing = new RoomKeyring('circle');
    const carolRing = new RoomKeyring('circle');
    bobRing.addSealed(owner.sealFor(bob.publicKey), bob.secretKey);
    carolRing.addSealed(owner.sealFor(carol.publicKey), carol.secretKey);
    expect(carolRing.currentEpoch).toBe(1);

    const { epoch, sealed } = owner.rotateFor([bob.publicKey]);
    expect(epoch).toBe(2);
    expect(bobRing.addSealed(sealed[0]!, bob.secretKey)).toBe(2);
    expect(() => carolRing.addSealed(sealed[0]!, carol.secretKey)).toThrow(RoomKeyError);
    expect(bobRing.epochs).toEqual([1, 2]);
    expect(carolRing.epochs).toEqual([1]);
    expect(Buffer.from(bobRing.get(2)!)).toEqual(Buffer.from(owner.get(2)!));
    expect(() => bobRing.add(2, generateRoomKey())).toThrow(/different key/);
  });
});
