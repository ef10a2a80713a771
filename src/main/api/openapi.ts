/** The OpenAPI document, generated from the same zod schemas that validate requests. */
import { z } from 'zod';
import type { Handler } from '../engine/handlers';
import { MemoryCreate, MemorySearch, MemoryUpdate } from '../../shared/memory-schemas';

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ok = (description: string) => ({ 200: { description }, 400: { description: 'Invalid input' }, 401: { description: 'Missing or wrong API key' } });

export function openApiDocument(handlers: Record<string, Handler>, version: string) {
  const paths: Record<string, unknown> = {};
  for (const [name, h] of Object.entries(handlers)) {
    paths[`/api/v1/${name}`] = {
      post: { operationId: name, summary: h.summary, requestBody: json(schemaOf(h.input)), responses: ok('The handler result') },
    };
  }
  const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  Object.assign(paths, {
    '/health': { get: { summary: 'Liveness; needs no key', security: [], responses: { 200: { description: 'ok' } } } },
    '/api/v1/events': {
      get: {
        summary: 'Live engine events as Server-Sent Events (`event: <name>`, `data: <json>`), with keep-alive comments',
        responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 401: { description: 'Missing or wrong API key' } },
      },
    },
    '/memories': {
      post: { summary: 'Create a memory', requestBody: json(schemaOf(MemoryCreate)), responses: { ...ok('The memory'), 201: { description: 'Created' } } },
      get: {
        summary: 'List memories',
        parameters: ['limit', 'offset', 'memory_type', 'tags', 'order', 'include_embedding'].map((n) => ({ name: n, in: 'query', schema: { type: 'string' } })),
        responses: ok('{memories, total, limit, offset}'),
      },
    },
    '/memories/{id}': {
      get: { summary: 'Read a memory (counts an access)', parameters: idParam, responses: { ...ok('The memory'), 404: { description: 'Unknown id' } } },
      put: { summary: 'Edit a memory', parameters: idParam, requestBody: json(schemaOf(MemoryUpdate)), responses: ok('The memory') },
      delete: { summary: 'Move a memory to the trash', parameters: idParam, responses: ok('{deleted}') },
    },
    '/search': { post: { summary: 'Search memories', requestBody: json(schemaOf(MemorySearch)), responses: ok('{results: [{memory, score, snippet}]}') } },
    '/stats': { get: { summary: 'Library statistics', responses: ok('Counts') } },
    '/export': { post: { summary: 'Export all memories as JSON', responses: ok('{memories, count, exported_at}') } },
    '/import': { post: { summary: 'Import memories, all or nothing', requestBody: json({ oneOf: [{ type: 'object', properties: { memories: { type: 'array', items: schemaOf(MemoryCreate) } } }, { type: 'array', items: schemaOf(MemoryCreate) }] }), responses: ok('{imported, skipped, ids}') } },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Engram API', version },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
  };
}
