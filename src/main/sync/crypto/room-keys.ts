/**
 * Room keys: a random 32-byte XChaCha20-Poly1305 key per room and key epoch. Keys reach members sealed to their
 * X25519 public keys (an anonymous sealed box: ephemeral X25519 key, HKDF-SHA256 of the shared secret, then
 * XChaCha20-Poly1305 with the room id and epoch as associated data). A member's X25519 key can be derived from
 * the Ed25519 identity key it already signs relay challenges with.
 *
 * Removing a member rotates the key: a new epoch with a fresh key, sealed only to the remaining members. New
 * envelopes are sealed under the newest epoch; a removed member keeps only the epochs it already had.
 *
 * Sealed room key layout: version (1) | epoch (uint32 BE) | ephemeral public key (32) | nonce (24) | ct (32 + 16).
 */
import { hkdfSync } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { assertEpoch, assertKey, KEY_BYTES, NONCE_BYTES, TAG_BYTES } from './envelope';

const SEALED_VERSION = 1;
const LABEL = 'engram/e2e/room-key/v1';
const SEALED_HEADER = 1 + 4;
export const SEALED_ROOM_KEY_BYTES = SEALED_HEADER + 32 + NONCE_BYTES + KEY_BYTES + TAG_BYTES;
const utf8 = new TextEncoder();

export interface X25519KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export class RoomKeyError extends Error {
  constructor(
    readonly code: 'malformed' | 'auth_failed' | 'unknown_epoch' | 'epoch_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'RoomKeyError';
  }
}

export function generateRoomKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

export function generateX25519KeyPair(): X25519KeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { secretKey, publicKey };
}

/** The X25519 key pair of an Ed25519 identity secret key (the birationally equivalent Montgomery keys). */
export function x25519FromEd25519Secret(edSecretKey: Uint8Array): X25519KeyPair {
  const secretKey = ed25519.utils.toMontgomerySecret(edSecretKey);
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/** A member's X25519 public key from its Ed25519 identity public key (what the relay ACL lists). */
export function x25519PublicFromEd25519(edPublicKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomery(edPublicKey);
}

function sealedHeader(epoch: number): Uint8Array {
  const h = new Uint8Array(SEALED_HEADER);
  h[0] = SEALED_VERSION;
  new DataView(h.buffer).setUint32(1, epoch, false);
  return h;
}

function aad(room: string, h: Uint8Array): Uint8Array {
  const label = utf8.encode(LABEL);
  const r = utf8.encode(room);
  const out = new Uint8Array(label.length + 1 + r.length + 1 + h.length);
  out.set(label, 0);
  out.set(r, label.length + 1);
  out.set(h, label.length + 1 + r.length + 1);
  return out;
}

function wrapKey(shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Uint8Array {
  const salt = new Uint8Array(64);
  salt.set(ephemeralPublic, 0);
  salt.set(recipientPublic, 32);
  return new Uint8Array(hkdfSync('sha256', shared, salt, LABEL, KEY_BYTES));
}

/** Seals `roomKey` (of `room` at `epoch`) to a member's X25519 public key. */
export function sealRoomKey(roomKey: Uint8Array, recipientPublicKey: Uint8Array, { room, epoch }: { room: string; epoch: number }): Uint8Array {
  assertKey(roomKey);
  assertEpoch(epoch);
  const eph = x25519.keygen();
  const shared = x25519.getSharedSecret(eph.secretKey, recipientPublicKey);
  const kek = wrapKey(shared, eph.publicKey, recipientPublicKey);
  const nonce = randomBytes(NONCE_BYTES);
  const h = sealedHeader(epoch);
  const ct = xchacha20poly1305(kek, nonce, aad(room, h)).encrypt(roomKey);
  const out = new Uint8Array(SEALED_ROOM_KEY_BYTES);
  out.set(h, 0);
  out.set(eph.publicKey, SEALED_HEADER);
  out.set(nonce, SEALED_HEADER + 32);
  out.set(ct, SEALED_HEADER + 32 + NONCE_BYTES);
  kek.fill(0);
  return out;
}

/** The epoch a sealed room key claims (authenticated only once opened). */
export function sealedRoomKeyEpoch(sealed: Uint8Array): number {
  if (!(sealed instanceof Uint8Array) || sealed.length !== SEALED_ROOM_KEY_BYTES || sealed[0] !== SEALED_VERSION) {
    throw new RoomKeyError('malformed', 'not a sealed room key');
  }
  return new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength).getUint32(1, false);
}

/** Opens a sealed room key with the member's X25519 secret key; returns the epoch and key. */
export function openRoomKey(sealed: Uint8Array, recipientSecretKey: Uint8Array, room: string): { epoch: number; key: Uint8Array } {
  const epoch = sealedRoomKeyEpoch(sealed);
  const ephemeralPublic = sealed.subarray(SEALED_HEADER, SEALED_HEADER + 32);
  const nonce = sealed.subarray(SEALED_HEADER + 32, SEALED_HEADER + 32 + NONCE_BYTES);
  const ct = sealed.subarray(SEALED_HEADER + 32 + NONCE_BYTES);
  const recipientPublic = x25519.getPublicKey(recipientSecretKey);
  let key: Uint8Array;
  try {
    const shared = x25519.getSharedSecret(recipientSecretKey, ephemeralPublic);
    const kek = wrapKey(shared, ephemeralPublic, recipientPublic);
    key = xchacha20poly1305(kek, nonce, aad(room, sealed.subarray(0, SEALED_HEADER))).decrypt(ct);
    kek.fill(0);
  } catch {
    throw new RoomKeyError('auth_failed', 'sealed room key did not open (not for this key or room, or tampered)');
  }
  return { epoch, key };
}

export type KeyListener = (epoch: number, key: Uint8Array) => void;

/**
 * The keys of one room a member holds, by epoch. The current epoch is the newest one held: new envelopes are
 * sealed under it. `rotate()` makes the next epoch with a fresh key; `shareWith` seals keys to members.
 */
export class RoomKeyring {
  private readonly keys = new Map<number, Uint8Array>();
  private readonly listeners = new Set<KeyListener>();

  constructor(readonly room: string) {}

  /** A keyring for a new room: epoch 1 with a fresh key. */
  static create(room: string): RoomKeyring {
    const ring = new RoomKeyring(room);
    ring.add(1, generateRoomKey());
    return ring;
  }

  get currentEpoch(): number | null {
    let max = 0;
    for (const e of this.keys.keys()) if (e > max) max = e;
    return max === 0 ? null : max;
  }

  get epochs(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  has(epoch: number): boolean {
    return this.keys.has(epoch);
  }

  get(epoch: number): Uint8Array | undefined {
    return this.keys.get(epoch);
  }

  /** The newest key, or null when none is held yet. */
  current(): { epoch: number; key: Uint8Array } | null {
    const epoch = this.currentEpoch;
    return epoch === null ? null : { epoch, key: this.keys.get(epoch)! };
  }

  /** Adds the key of an epoch. Re-adding the same key is a no-op; a different key for a held epoch is refused. */
  add(epoch: number, key: Uint8Array): void {
    assertEpoch(epoch);
    assertKey(key);
    const held = this.keys.get(epoch);
    if (held) {
      if (held.length === key.length && held.every((b, i) => b === key[i])) return;
      throw new RoomKeyError('epoch_mismatch', `a different key is already held for epoch ${epoch}`);
    }
    this.keys.set(epoch, new Uint8Array(key));
    for (const l of [...this.listeners]) l(epoch, key);
  }

  /** Starts the next epoch with a fresh key (after a member is removed). */
  rotate(): { epoch: number; key: Uint8Array } {
    const epoch = (this.currentEpoch ?? 0) + 1;
    const key = generateRoomKey();
    this.add(epoch, key);
    return { epoch, key };
  }

  /** Seals the key of `epoch` (default: current) to a member's X25519 public key. */
  sealFor(memberPublicKey: Uint8Array, epoch = this.currentEpoch ?? 0): Uint8Array {
    const key = this.keys.get(epoch);
    if (!key) throw new RoomKeyError('unknown_epoch', `no key held for epoch ${epoch}`);
    return sealRoomKey(key, memberPublicKey, { room: this.room, epoch });
  }

  /** Rotates and seals the new key to each remaining member: what removing a member does. */
  rotateFor(remainingMembers: Uint8Array[]): { epoch: number; sealed: Uint8Array[] } {
    const { epoch } = this.rotate();
    return { epoch, sealed: remainingMembers.map((pk) => this.sealFor(pk, epoch)) };
  }

  /** Opens a sealed key addressed to this member and adds it; returns its epoch. */
  addSealed(sealed: Uint8Array, memberSecretKey: Uint8Array): number {
    const { epoch, key } = openRoomKey(sealed, memberSecretKey, this.room);
    this.add(epoch, key);
    return epoch;
  }

  /** Called with each key added from now on. Returns an unsubscribe function. */
  onKey(listener: KeyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
