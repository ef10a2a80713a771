/**
 * The append-only audit log: who joined and left which room, who was refused and why, and ACL changes.
 * Triggers in the schema forbid UPDATE and DELETE, so a row once written stays.
 */
import type { Db } from './store';

export type AuditEvent = 'join' | 'leave' | 'refuse' | 'room_create' | 'member_add' | 'member_remove';

export interface AuditEntry {
  event: AuditEvent;
  room?: string | null;
  publicKey?: string | null;
  reason?: string | null;
  remote?: string | null;
}

export interface AuditRow extends Required<AuditEntry> {
  id: number;
  at: number;
}

export class Audit {
  private readonly insert;
  private readonly select;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare('INSERT INTO audit (at, event, room, public_key, reason, remote) VALUES (?, ?, ?, ?, ?, ?)');
    this.select = db.prepare(
      `SELECT id, at, event, room, public_key AS publicKey, reason, remote FROM audit
       WHERE (@room IS NULL OR room = @room) ORDER BY id DESC LIMIT @limit`,
    );
  }

  record(e: AuditEntry): void {
    this.insert.run(this.now(), e.event, e.room ?? null, e.publicKey ?? null, e.reason ?? null, e.remote ?? null);
  }

  /** Newest first. */
  recent(opts: { room?: string; limit?: number } = {}): AuditRow[] {
    return this.select.all({ room: opts.room ?? null, limit: opts.limit ?? 100 }) as AuditRow[];
  }
}
