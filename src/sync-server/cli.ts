/**
 * `npm run relay -- --port 4455 --host 0.0.0.0 --db relay.sqlite`: runs the sync relay until SIGINT/SIGTERM.
 * Logs are pino JSON lines on stdout.
 */
import { Command, InvalidArgumentError } from 'commander';
import pino from 'pino';
import { createRelay } from './server';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is 0-65535');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

const program = new Command('engram-relay')
  .description('Engram sync relay: y-websocket rooms with signed-challenge auth, per-room ACLs and SQLite persistence')
  .option('--port <port>', 'port to listen on', port, 4455)
  .option('--host <host>', 'address to bind (0.0.0.0 for all interfaces)', '127.0.0.1')
  .option('--db <file>', 'SQLite file for rooms, ACLs, updates and the audit log', process.env.ENGRAM_RELAY_DB ?? 'relay.sqlite')
  .option('--log-level <level>', 'pino log level', process.env.ENGRAM_LOG_LEVEL ?? 'info')
  .option('--idle-ms <ms>', 'unload rooms idle this long', positive)
  .option('--max-message-bytes <n>', 'largest websocket message', positive)
  .option('--max-messages-per-second <n>', 'per connection', positive)
  .showHelpAfterError()
  .action(
    async (o: {
      port: number;
      host: string;
      db: string;
      logLevel: string;
      idleMs?: number;
      maxMessageBytes?: number;
      maxMessagesPerSecond?: number;
    }) => {
      const logger = pino({ level: o.logLevel });
      const given = { idleMs: o.idleMs, maxMessageBytes: o.maxMessageBytes, maxMessagesPerSecond: o.maxMessagesPerSecond };
      const limits = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
      const relay = await createRelay({ db: o.db, port: o.port, host: o.host, limits, logger });
      logger.info({ url: relay.url, db: o.db }, 'relay listening');
      const stop = async () => {
        logger.info('relay stopping');
        await relay.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  );

await program.parseAsync(process.argv);
