/**
 * Counters for `/metrics` in the Prometheus text format (0.0.4). Hand-written because the relay needs a
 * dozen numbers, not a client library; label values come from fixed sets so cardinality stays bounded.
 */

type Direction = 'in' | 'out';

export interface Gauges {
  connections: number;
  roomsLoaded: number;
}

export class Metrics {
  connectionsTotal = 0;
  roomLoads = 0;
  roomUnloads = 0;
  compactions = 0;
  tokensIssued = 0;
  readonly messages: Record<Direction, number> = { in: 0, out: 0 };
  readonly bytes: Record<Direction, number> = { in: 0, out: 0 };
  /** Upgrades and token requests refused, by reason. */
  readonly refusals = new Map<string, number>();
  /** Open connections the relay closed, by reason (limits, revocation, shutdown). */
  readonly closes = new Map<string, number>();

  message(direction: Direction, bytes: number): void {
    this.messages[direction] += 1;
    this.bytes[direction] += bytes;
  }

  refused(reason: string): void {
    this.refusals.set(reason, (this.refusals.get(reason) ?? 0) + 1);
  }

  closed(reason: string): void {
    this.closes.set(reason, (this.closes.get(reason) ?? 0) + 1);
  }

  render(g: Gauges): string {
    const out: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) out.push(`${name}${labels} ${value}`);
    };
    const labelled = (label: string, m: Map<string, number> | Record<string, number>) =>
      (m instanceof Map ? [...m] : Object.entries(m)).map(([k, v]): [string, number] => [`{${label}="${k}"}`, v]);

    metric('engram_relay_connections', 'gauge', 'Open websocket connections.', [['', g.connections]]);
    metric('engram_relay_rooms_loaded', 'gauge', 'Rooms held in memory.', [['', g.roomsLoaded]]);
    metric('engram_relay_connections_total', 'counter', 'Websocket connections accepted.', [['', this.connectionsTotal]]);
    metric('engram_relay_room_loads_total', 'counter', 'Rooms loaded from SQLite.', [['', this.roomLoads]]);
    metric('engram_relay_room_unloads_total', 'counter', 'Idle rooms dropped from memory.', [['', this.roomUnloads]]);
    metric('engram_relay_compactions_total', 'counter', 'Room update logs compacted.', [['', this.compactions]]);
    metric('engram_relay_tokens_issued_total', 'counter', 'Tokens issued.', [['', this.tokensIssued]]);
    metric('engram_relay_messages_total', 'counter', 'Websocket messages.', labelled('direction', this.messages));
    metric('engram_relay_bytes_total', 'counter', 'Websocket message bytes.', labelled('direction', this.bytes));
    metric('engram_relay_refusals_total', 'counter', 'Refused upgrades and token requests.', labelled('reason', this.refusals));
    metric('engram_relay_closes_total', 'counter', 'Connections closed by the relay.', labelled('reason', this.closes));
    return out.join('\n') + '\n';
  }
}
