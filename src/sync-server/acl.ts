/**
 * Room access lists. A room exists once an authenticated key claims it with `PUT /rooms/:room` and becomes its
 * owner; owners add and remove members. The relay checks the list when a socket opens (and drops open sockets
 * of removed keys), never by reading document content.
 */
import { RelayError } from './errors';
import type { Member, Role } from './schemas';
import type { Db } from './store';

export type CreateResult = 'created' | 'already_owner';

export class Acl {
  private readonly roleOf;
  private readonly ownedBy;
  private readonly list;
  private readonly upsert;
  private readonly del;
  private readonly ownerCount;
  private readonly roomCount;
  private readonly createTx;
  private readonly changeTx;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    this.roleOf = db.prepare('SELECT role FROM members WHERE room = ? AND public_key = ?').pluck();
    this.ownedBy = db.prepare('SELECT count(*) FROM rooms WHERE created_by = ?').pluck();
    this.list = db.prepare('SELECT public_key, role, added_at FROM members WHERE room = ? ORDER BY added_at, public_key');
    this.upsert = db.prepare(
      `INSERT INTO members (room, public_key, role, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (room, public_key) DO UPDATE SET role = excluded.role`,
    );
    this.del = db.prepare('DELETE FROM members WHERE room = ? AND public_key = ?');
    this.ownerCount = db.prepare("SELECT count(*) FROM members WHERE room = ? AND role = 'owner'").pluck();
    this.roomCount = db.prepare('SELECT count(*) FROM rooms').pluck();
    const insertRoom = db.prepare('INSERT INTO rooms (name, created_by, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.createTx = db.transaction((room: string, owner: string, maxRooms: number): CreateResult => {
      const role = this.role(room, owner);
      if (role === 'owner') return 'already_owner';
      if ((this.ownedBy.get(owner) as number) >= maxRooms) {
        throw new RelayError(429, 'too_many_rooms', `A key may create at most ${maxRooms} rooms`);
      }
      const at = this.now();
      if (insertRoom.run(room, owner, at).changes === 0) {
        // Taken by someone else: say so without listing who is in it.
        throw new RelayError(409, 'room_exists', 'This room already exists and you do not own it');
      }
      this.upsert.run(room, owner, 'owner', at);
      return 'created';
    });
    // One transaction, so a change that would leave no owner is rolled back whole.
    this.changeTx = db.transaction((room: string, add: { publicKey: string; role: Role }[], remove: string[]) => {
      const removed: string[] = [];
      const at = this.now();
      for (const m of add) this.upsert.run(room, m.publicKey, m.role, at);
      for (const key of remove) if (this.del.run(room, key).changes > 0) removed.push(key);
      if ((this.ownerCount.get(room) as number) === 0) {
        throw new RelayError(409, 'last_owner', 'A room must keep at least one owner');
      }
      return { removed };
    });
  }

  /** Claims a room for `owner`; idempotent for its owner. */
  create(room: string, owner: string, maxRoomsPerKey: number): CreateResult {
    return this.createTx(room, owner, maxRoomsPerKey);
  }

  role(room: string, publicKey: string): Role | null {
    return (this.roleOf.get(room, publicKey) as Role | undefined) ?? null;
  }

  members(room: string): Member[] {
    const rows = this.list.all(room) as { public_key: string; role: Role; added_at: number }[];
    return rows.map((r) => ({ publicKey: r.public_key, role: r.role, addedAt: new Date(r.added_at).toISOString() }));
  }

  /** Adds or re-roles members and removes others; a room always keeps at least one owner. */
  change(room: string, add: { publicKey: string; role: Role }[], remove: string[]): { removed: string[] } {
    return this.changeTx(room, add, remove);
  }

  rooms(): number {
    return this.roomCount.get() as number;
  }
}
