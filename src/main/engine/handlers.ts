/**
 * The handler shape shared by every domain: a name, a zod input schema and a function of the engine. The
 * transports (HTTP, IPC, CLI) loop over the registry; none of them validates on its own.
 */
import { z } from 'zod';
import { EngramError } from '../../shared/errors';
import type { Engine } from './engine';

export interface Handler<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  summary: string;
  run: (engine: Engine, input: z.output<I>) => O | Promise<O>;
}

export const defineHandlers = <T extends Record<string, Handler<any, any>>>(handlers: T): T => handlers; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Validates `raw` against the handler's schema and runs it; bad input becomes a typed 400-class error. */
export async function invoke(handlers: Record<string, Handler>, engine: Engine, name: string, raw: unknown): Promise<unknown> {
  const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
  if (!handler) throw new EngramError('not_found', `There is no handler named ${name}`);
  const parsed = handler.input.safeParse(raw ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  return handler.run(engine, parsed.data);
}

export function invalid(error: z.ZodError): EngramError {
  return new EngramError('invalid_input', `Invalid input: ${z.prettifyError(error)}`, error.issues);
}
