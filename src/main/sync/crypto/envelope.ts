/**
 * Encrypted envelopes: one Yjs update (or a snapshot of a whole doc) sealed with XChaCha20-Poly1305 under a
 * room key. The relay stores and merges envelopes as opaque bytes in a Y.Array; only members holding the key
 * of the envelope's epoch can open it.
 *
 * Binary layout (all integers big-endian):
 *
 *   0      version (1)
 *   1      kind (0 = update, 1 = snapshot)
 *   2..5   key epoch (uint32)
 *   6..29  nonce (24 random bytes)
 *   30..   ciphertext + 16-byte Poly1305 tag
 *
 * The additional authenticated data binds a domain label, the room id and the whole header (version, kind,
 * epoch), so an envelope cannot be replayed into another room, relabelled to another epoch or kind, or altered
 * without being rejected.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';

export const ENVELOPE_VERSION = 1;
export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const HEADER_BYTES = 2 + 4 + NONCE_BYTES;
const AAD_LABEL = 'engram/e2e/envelope/v1';

export type EnvelopeKind = 'update' | 'snapshot';
const KIND_CODES: Record<EnvelopeKind, number> = { update: 0, snapshot: 1 };

export interface ParsedEnvelope {
  v: 1;
  kind: EnvelopeKind;
  epoch: number;
  nonce: Uint8Array;
  ct: Uint8Array;
}

export interface OpenedEnvelope {
  kind: EnvelopeKind;
  epoch: number;
  /** The Yjs update (or state-as-update for a snapshot) that was sealed. */
  update: Uint8Array;
}

/** Why an envelope could not be parsed or opened. `code` is stable for callers to branch on. */
export class EnvelopeError extends Error {
  constructor(
    readonly code: 'malformed' | 'unsupported_version' | 'auth_failed',
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const utf8 = new TextEncoder();

export function assertEpoch(epoch: number): void {
  if (!Number.isInteger(epoch) || epoch < 1 || epoch > 0xffffffff) throw new RangeError(`invalid key epoch: ${epoch}`);
}

export function assertKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) throw new RangeError(`a room key is ${KEY_BYTES} bytes`);
}

function header(kind: EnvelopeKind, epoch: number): Uint8Array {
  const h = new Uint8Array(6);
  h[0] = ENVELOPE_VERSION;
  h[1] = KIND_CODES[kind];
  new DataView(h.buffer).setUint32(2, epoch, false);
  return h;
}

/** label \0 room \0 version kind epoch */
export function envelopeAad(room: string, kind: EnvelopeKind, epoch: number): Uint8Array {
  const label = utf8.encode(AAD_LABEL);
  const r = utf8.encode(room);
  const h = header(kind, epoch);
  const aad = new Uint8Array(label.length + 1 + r.length + 1 + h.length);
  aad.set(label, 0);
  aad.set(r, label.length + 1);
  aad.set(h, label.length + 1 + r.length + 1);
  return aad;
}

export interface SealOptions {
  room: string;
  epoch: number;
  kind?: EnvelopeKind;
}

/** Seals a Yjs update under `key` for `room` at `epoch`. */
export function sealEnvelope(key: Uint8Array, update: Uint8Array, { room, epoch, kind = 'update' }: SealOptions): Uint8Array {
  assertKey(key);
  assertEpoch(epoch);
  const nonce = randomBytes(NONCE_BYTES);
  const ct = xchacha20poly1305(key, nonce, envelopeAad(room, kind, epoch)).encrypt(update);
  const out = new Uint8Array(HEADER_BYTES + ct.length);
  out.set(header(kind, epoch), 0);
  out.set(nonce, 6);
  out.set(ct, HEADER_BYTES);
  return out;
}

/** Reads the clear header of an envelope (no key needed, nothing authenticated yet). */
export function parseEnvelope(bytes: unknown): ParsedEnvelope {
  if (!(bytes instanceof Uint8Array)) throw new EnvelopeError('malformed', 'an envelope is a Uint8Array');
  if (bytes.length < HEADER_BYTES + TAG_BYTES) throw new EnvelopeError('malformed', 'envelope too short');
  if (bytes[0] !== ENVELOPE_VERSION) throw new EnvelopeError('unsupported_version', `unsupported envelope version ${bytes[0]}`);
  const code = bytes[1];
  const kind = code === 0 ? 'update' : code === 1 ? 'snapshot' : null;
  if (!kind) throw new EnvelopeError('malformed', `unknown envelope kind ${code}`);
  const epoch = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(2, false);
  if (epoch < 1) throw new EnvelopeError('malformed', 'envelope epoch 0');
  return { v: 1, kind, epoch, nonce: bytes.subarray(6, HEADER_BYTES), ct: bytes.subarray(HEADER_BYTES) };
}

/** Opens an envelope of `room` with the key of its epoch; throws `EnvelopeError('auth_failed')` if it was not sealed for this room and key or was altered. */
export function openEnvelope(key: Uint8Array, bytes: unknown, room: string): OpenedEnvelope {
  assertKey(key);
  const env = parseEnvelope(bytes);
  let update: Uint8Array;
  try {
    update = xchacha20poly1305(key, env.nonce, envelopeAad(room, env.kind, env.epoch)).decrypt(env.ct);
  } catch {
    throw new EnvelopeError('auth_failed', 'envelope failed authentication (wrong room, wrong key or tampered)');
  }
  return { kind: env.kind, epoch: env.epoch, update };
}
