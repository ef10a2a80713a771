/**
 * Binds the app's real (plaintext) Y.Doc to a transport Y.Doc that a WebsocketProvider syncs with the relay.
 * The transport doc holds only a Y.Array of encrypted envelopes (see envelope.ts):
 *
 * - each local update of the real doc (any origin but this binding) is sealed under the room's current key
 *   epoch and pushed into the transport array;
 * - each envelope that appears in the transport array (from the relay, or already there on bind) is opened and
 *   applied to the real doc with the binding as origin; envelopes of epochs whose key is not held yet wait as
 *   pending and are applied when the keyring gets that key; envelopes that fail authentication are rejected
 *   and never applied;
 * - `compact()` seals the real doc's whole state as one snapshot envelope and, in one transport transaction,
 *   deletes the envelopes that snapshot covers (everything already applied) and inserts it. Pending and
 *   rejected envelopes are left in place.
 */
import * as Y from 'yjs';
import { EnvelopeError, openEnvelope, parseEnvelope, sealEnvelope } from './envelope';
import type { RoomKeyring } from './room-keys';

export interface EncryptedDocBindingOptions {
  /** The room id; bound into every envelope's associated data. */
  room: string;
  keyring: RoomKeyring;
  /** The app's real doc (plaintext). */
  doc: Y.Doc;
  /** The doc synced with the relay (ciphertext only). */
  transport: Y.Doc;
  /** Name of the transport array; default `envelopes`. */
  arrayName?: string;
  /** Called for each envelope that is malformed or fails authentication. */
  onReject?: (error: Error, envelope: unknown) => void;
}

export interface CompactResult {
  /** Envelopes the snapshot replaced. */
  removed: number;
  /** Envelopes left (pending or rejected). */
  kept: number;
  epoch: number;
  snapshotBytes: number;
}

export class EncryptedDocBinding {
  readonly room: string;
  readonly doc: Y.Doc;
  readonly transport: Y.Doc;
  readonly envelopes: Y.Array<Uint8Array>;
  private readonly keyring: RoomKeyring;
  private readonly onRejectCb: ((error: Error, envelope: unknown) => void) | undefined;
  /** Envelopes (by identity, as held in the transport array) whose content is in the real doc. */
  private readonly applied = new WeakSet<object>();
  /** Envelopes waiting for the key of their epoch. */
  private readonly waiting = new Map<number, Uint8Array[]>();
  /** Local updates made while no key was held; sealed when one arrives. */
  private outbox: Uint8Array[] = [];
  private rejectedCount = 0;
  private destroyed = false;
  private readonly offKey: () => void;

  constructor(opts: EncryptedDocBindingOptions) {
    if (opts.keyring.room !== opts.room) throw new Error(`keyring is for room ${opts.keyring.room}, not ${opts.room}`);
    this.room = opts.room;
    this.doc = opts.doc;
    this.transport = opts.transport;
    this.keyring = opts.keyring;
    this.onRejectCb = opts.onReject;
    this.envelopes = opts.transport.getArray<Uint8Array>(opts.arrayName ?? 'envelopes');

    // What the transport already holds (a provider that synced before binding).
    for (const e of this.envelopes.toArray()) this.receive(e);
    this.envelopes.observe(this.onTransport);
    this.doc.on('update', this.onLocalUpdate);
    this.offKey = this.keyring.onKey(this.onKey);
    // Local state the real doc had before binding (loaded from disk): publish it once; Yjs dedupes.
    if (Y.encodeStateVector(this.doc).length > 1) this.publish(Y.encodeStateAsUpdate(this.doc));
  }

  /** Envelopes waiting for a key, by epoch. */
  get pending(): Map<number, number> {
    return new Map([...this.waiting].map(([epoch, list]) => [epoch, list.length]));
  }

  get pendingCount(): number {
    let n = 0;
    for (const list of this.waiting.values()) n += list.length;
    return n;
  }

  /** Envelopes rejected so far (malformed, wrong room, tampered). */
  get rejected(): number {
    return this.rejectedCount;
  }

  /**
   * Replaces every envelope already applied with one snapshot of the real doc sealed under the current epoch,
   * in one transport transaction. Returns null when no key is held.
   */
  compact(): CompactResult | null {
    const current = this.keyring.current();
    if (!current || this.destroyed) return null;
    this.flushOutbox();
    const snapshot = sealEnvelope(current.key, Y.encodeStateAsUpdate(this.doc), { room: this.room, epoch: current.epoch, kind: 'snapshot' });
    const items = this.envelopes.toArray();
    let removed = 0;
    this.transport.transact(() => {
      // From the end, in runs, so indexes stay valid.
      let i = items.length - 1;
      while (i >= 0) {
        if (!this.isCovered(items[i])) {
          i -= 1;
          continue;
        }
        let start = i;
        while (start - 1 >= 0 && this.isCovered(items[start - 1])) start -= 1;
        this.envelopes.delete(start, i - start + 1);
        removed += i - start + 1;
        i = start - 1;
      }
      this.envelopes.push([snapshot]);
      this.markLast();
    }, this);
    return { removed, kept: items.length - removed, epoch: current.epoch, snapshotBytes: snapshot.length };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.envelopes.unobserve(this.onTransport);
    this.doc.off('update', this.onLocalUpdate);
    this.offKey();
  }

  private isCovered(e: unknown): boolean {
    return typeof e === 'object' && e !== null && this.applied.has(e);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.destroyed) return;
    this.publish(update);
  };

  private publish(update: Uint8Array): void {
    const current = this.keyring.current();
    if (!current) {
      this.outbox.push(update);
      return;
    }
    const env = sealEnvelope(current.key, update, { room: this.room, epoch: current.epoch });
    this.transport.transact(() => {
      this.envelopes.push([env]);
      this.markLast();
    }, this);
  }

  /** Yjs stores a pushed Uint8Array as a copy (ContentBinary): mark the stored object, not ours. */
  private markLast(): void {
    const stored = this.envelopes.get(this.envelopes.length - 1);
    if (stored) this.applied.add(stored);
  }

  private flushOutbox(): void {
    if (this.outbox.length === 0 || !this.keyring.current()) return;
    const merged = Y.mergeUpdates(this.outbox);
    this.outbox = [];
    this.publish(merged);
  }

  private readonly onTransport = (event: Y.YArrayEvent<Uint8Array>, tr: Y.Transaction): void => {
    if (tr.origin === this) return; // our own pushes and compactions: already in the real doc
    for (const item of event.changes.added) {
      for (const e of item.content.getContent()) this.receive(e);
    }
  };

  private readonly onKey = (epoch: number): void => {
    if (this.destroyed) return;
    const list = this.waiting.get(epoch);
    if (list) {
      this.waiting.delete(epoch);
      for (const e of list) this.receive(e);
    }
    this.flushOutbox();
  };

  private reject(error: Error, envelope: unknown): void {
    this.rejectedCount += 1;
    this.onRejectCb?.(error, envelope);
  }

  private receive(e: unknown): void {
    if (this.destroyed || this.isCovered(e)) return;
    let epoch: number;
    try {
      epoch = parseEnvelope(e).epoch;
    } catch (err) {
      this.reject(err as Error, e);
      return;
    }
    const key = this.keyring.get(epoch);
    if (!key) {
      const list = this.waiting.get(epoch) ?? [];
      list.push(e as Uint8Array);
      this.waiting.set(epoch, list);
      return;
    }
    let update: Uint8Array;
    try {
      update = openEnvelope(key, e, this.room).update;
    } catch (err) {
      this.reject(err as Error, e);
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, this);
    } catch (err) {
      // Authentic but not a valid Yjs update (a buggy member): refuse it without touching the doc.
      this.reject(new EnvelopeError('malformed', `envelope content is not a Yjs update: ${(err as Error).message}`), e);
      return;
    }
    this.applied.add(e as Uint8Array);
  }
}
