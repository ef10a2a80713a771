/**
 * Metering: every model call is recorded with its provider, model, feature, tokens and estimated cost; a
 * monthly budget warns from 80 % and, once reached, makes the AI service switch to a local model (or to the
 * extractive fallback when there is none).
 */
import { z } from 'zod';
import type { Db } from '../db/connection';
import type { Settings } from '../db/settings';

export const AiBudget = z.object({
  /** USD per calendar month; null means no budget. */
  monthlyUsd: z.number().min(0).max(100_000).nullable().default(null),
  warnAt: z.number().min(0.1).max(1).default(0.8),
});
export type AiBudget = z.infer<typeof AiBudget>;

export interface UsageRecord {
  provider: string;
  model: string;
  feature: string;
  inputTokens: number;
  outputTokens: number;
  estimated: boolean;
  costUsd: number | null;
  ok: boolean;
}

export interface BudgetState {
  month: string;
  spentUsd: number;
  budgetUsd: number | null;
  /** The share of the budget from which it warns. */
  warnAt: number;
  /** Words for the user when the budget is near or reached. */
  warning: string | null;
  exceeded: boolean;
}

export interface UsageSummary {
  month: string;
  byDay: { day: string; inputTokens: number; outputTokens: number; costUsd: number; calls: number }[];
  byFeature: { feature: string; provider: string; model: string; inputTokens: number; outputTokens: number; costUsd: number; calls: number }[];
  budget: BudgetState;
}

export class Metering {
  constructor(
    private readonly db: Db,
    private readonly settings: Settings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(r: UsageRecord): void {
    this.db
      .prepare(
        `INSERT INTO usage_events (at, provider, model, feature, input_tokens, output_tokens, estimated, cost_usd, ok)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(this.now().toISOString(), r.provider, r.model, r.feature, r.inputTokens, r.outputTokens, r.estimated ? 1 : 0, r.costUsd, r.ok ? 1 : 0);
  }

  budget(): AiBudget {
    return AiBudget.parse(this.settings.get('ai.budget') ?? {});
  }

  setBudget(patch: Partial<AiBudget>): AiBudget {
    const next = AiBudget.parse({ ...this.budget(), ...patch });
    this.settings.set('ai.budget', next);
    return next;
  }

  state(): BudgetState {
    const month = this.now().toISOString().slice(0, 7);
    const spentUsd = this.db
      .prepare(`SELECT coalesce(sum(cost_usd), 0) FROM usage_events WHERE substr(at, 1, 7) = ?`)
      .pluck()
      .get(month) as number;
    const { monthlyUsd, warnAt } = this.budget();
    const exceeded = monthlyUsd !== null && spentUsd >= monthlyUsd;
    let warning: string | null = null;
    if (exceeded) {
      warning = `This month's AI budget of $${monthlyUsd.toFixed(2)} is used up ($${spentUsd.toFixed(2)}); Engram uses a local model, or answers from your notes without one, until next month or until you raise it.`;
    } else if (monthlyUsd !== null && spentUsd >= warnAt * monthlyUsd) {
      warning = `$${spentUsd.toFixed(2)} of this month's $${monthlyUsd.toFixed(2)} AI budget is used.`;
    }
    return { month, spentUsd, budgetUsd: monthlyUsd, warnAt, warning, exceeded };
  }

  summary(month = this.now().toISOString().slice(0, 7)): UsageSummary {
    const byDay = this.db
      .prepare(
        `SELECT substr(at, 1, 10) AS day, sum(input_tokens) AS inputTokens, sum(output_tokens) AS outputTokens,
           coalesce(sum(cost_usd), 0) AS costUsd, count(*) AS calls
         FROM usage_events WHERE substr(at, 1, 7) = ? GROUP BY day ORDER BY day`,
      )
      .all(month) as UsageSummary['byDay'];
    const byFeature = this.db
      .prepare(
        `SELECT feature, provider, model, sum(input_tokens) AS inputTokens, sum(output_tokens) AS outputTokens,
           coalesce(sum(cost_usd), 0) AS costUsd, count(*) AS calls
         FROM usage_events WHERE substr(at, 1, 7) = ? GROUP BY feature, provider, model ORDER BY costUsd DESC, calls DESC`,
      )
      .all(month) as UsageSummary['byFeature'];
    return { month, byDay, byFeature, budget: this.state() };
  }
}
