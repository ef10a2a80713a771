/** The REST memory routes at the root: `/memories`, `/search`, `/stats`, `/export`, `/import`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../engine/engine';
import { invalid } from '../engine/handlers';
import { MemoryService } from '../memories/memories';
import { MemoryCreate, MemoryListQuery, MemorySearch, MemoryUpdate, ImportOptions } from '../../shared/memory-schemas';
import { NodeId } from '../../shared/schemas';

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalid(r.error);
  return r.data;
}

const Params = z.object({ id: NodeId });

export const memoryRoutes = (engine: Engine, opts: { importBodyLimit: number }) => async (app: FastifyInstance) => {
  const memories = new MemoryService(engine);

  app.post('/memories', async (req, reply) => reply.status(201).send(memories.create(parse(MemoryCreate, req.body))));
  app.get('/memories', async (req) => memories.list(parse(MemoryListQuery, req.query)));
  app.get('/memories/:id', async (req) => {
    const { id } = parse(Params, req.params);
    const { include_embedding } = parse(z.object({ include_embedding: z.enum(['true', 'false']).optional() }), req.query);
    return memories.get(id, include_embedding === 'true');
  });
  app.put('/memories/:id', async (req) => memories.update(parse(Params, req.params).id, parse(MemoryUpdate, req.body)));
  app.delete('/memories/:id', async (req) => memories.delete(parse(Params, req.params).id));
  app.post('/search', async (req) => memories.search(parse(MemorySearch, req.body)));
  app.get('/stats', async () => memories.stats());
  app.post('/export', async () => memories.export());
  app.post('/import', { bodyLimit: opts.importBodyLimit }, async (req) =>
    memories.import(req.body, parse(ImportOptions, req.query)),
  );
};
