/**
 * Writes the summaries that are due: each finished day with items (the nightly summary) and each finished
 * week. Runs when the app starts and then hourly, so days missed while Engram was closed are caught up, the
 * oldest first and at most `maxCatchUpDays` back. Days are counted in the library's UTC offset setting.
 */
import type { Engine } from '../engine/engine';
import { summariseDay, summariseWeek, type SummaryResult } from './summaries';

export interface SchedulerOptions {
  now?: () => Date;
  /** How far back a first run or a long absence is caught up. */
  maxCatchUpDays?: number;
  everyMs?: number;
}

export class SummaryScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SummaryResult[]> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly opts: SchedulerOptions = {},
  ) {}

  start(): void {
    void this.runDue();
    this.timer = setInterval(() => void this.runDue(), this.opts.everyMs ?? 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Writes every due summary that is missing; one run at a time. */
  runDue(): Promise<SummaryResult[]> {
    this.running ??= this.catchUp().finally(() => (this.running = null));
    return this.running;
  }

  private async catchUp(): Promise<SummaryResult[]> {
    const now = this.opts.now?.() ?? new Date();
    const offset = this.engine.settings.get<number>('summaries.offsetMinutes') ?? -now.getTimezoneOffset();
    const today = localDay(now, offset);
    const oldest = addDays(today, -(this.opts.maxCatchUpDays ?? 60));
    const done = new Set(
      (this.engine.db.prepare(`SELECT kind || ':' || period FROM summary_runs`).pluck().all() as string[]),
    );
    const activeDays = new Set(
      this.engine.db
        .prepare(
          `SELECT DISTINCT date(coalesce(event_time, created_at), ?) FROM nodes
           WHERE deleted_at IS NULL AND kind NOT IN ('folder','episode','summary')`,
        )
        .pluck()
        .all(`${offset >= 0 ? '+' : '-'}${Math.abs(offset)} minutes`) as string[],
    );
    const results: SummaryResult[] = [];
    for (let d = oldest; d < today; d = addDays(d, 1)) {
      if (activeDays.has(d) && !done.has(`day:${d}`)) results.push(await summariseDay(this.engine, d, offset));
    }
    // Weeks that ended before today: Mondays from the oldest day's week.
    for (let w = monday(oldest); addDays(w, 7) <= today; w = addDays(w, 7)) {
      const active = [...Array(7).keys()].some((i) => activeDays.has(addDays(w, i)));
      if (active && !done.has(`week:${w}`)) results.push(await summariseWeek(this.engine, w, offset));
    }
    return results;
  }
}

const localDay = (at: Date, offsetMinutes: number) => new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function monday(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}
