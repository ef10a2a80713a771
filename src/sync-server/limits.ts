/**
 * Resource limits. They keep one relay's memory and CPU bounded whatever clients do: a message larger than
 * `maxMessageBytes` closes its socket with 1009, more than `maxMessagesPerSecond` closes it with 1008.
 */
import { z } from 'zod';

export const RelayLimits = z
  .object({
    /** Largest websocket message; enforced by ws itself (maxPayload), which closes with 1009. */
    maxMessageBytes: z.number().int().positive(),
    /** Sustained messages per second per connection, with a burst of the same size (token bucket). */
    maxMessagesPerSecond: z.number().int().positive(),
    /** Rooms one key may own (create with `PUT /rooms/:room`). Bounds what one identity can make us store. */
    maxRoomsPerKey: z.number().int().positive(),
    /** Open websocket connections per key across all rooms. Bounds what one identity can make us hold. */
    maxConnectionsPerKey: z.number().int().positive(),
    /** A room with no connections for this long is dropped from memory (its data is already on disk). */
    idleMs: z.number().int().nonnegative(),
    /** Stored updates per room before they are compacted into one. */
    compactAfter: z.number().int().positive(),
    /** Bytes queued to one slow client before it is closed (1008), so it cannot pin memory. */
    maxBufferedBytes: z.number().int().positive(),
    /** `POST /auth/*` requests per minute per address. */
    authRequestsPerMinute: z.number().int().positive(),
    /** Interval of keep-alive pings; a connection that missed the previous pong is dropped. */
    pingMs: z.number().int().positive(),
  })
  .strict();
export type RelayLimits = z.infer<typeof RelayLimits>;

export const DEFAULT_LIMITS: RelayLimits = {
  // Large enough for a first sync of a big note; a client's sync step 2 carries its whole missing state.
  maxMessageBytes: 8 * 1024 * 1024,
  maxMessagesPerSecond: 300,
  maxRoomsPerKey: 1000,
  maxConnectionsPerKey: 64,
  idleMs: 60_000,
  compactAfter: 500,
  maxBufferedBytes: 32 * 1024 * 1024,
  authRequestsPerMinute: 120,
  pingMs: 30_000,
};

export function resolveLimits(partial: Partial<RelayLimits> = {}): RelayLimits {
  return RelayLimits.parse({ ...DEFAULT_LIMITS, ...partial });
}

/** Close codes the relay uses. 4403 is in the range y-websocket treats as final (no reconnect). */
export const CLOSE = {
  goingAway: 1001,
  protocolError: 1002,
  policy: 1008,
  tooBig: 1009,
  internalError: 1011,
  revoked: 4403,
} as const;

/**
 * A token bucket: `rate` tokens a second, holding at most `rate`. Uses a monotonic clock, not the injectable
 * wall clock, so tests that move the wall clock (token expiry) do not trip it.
 */
export class MessageRate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = rate;
    this.last = clock();
  }

  /** Takes one token; false when the connection is over its rate. */
  take(): boolean {
    const t = this.clock();
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
