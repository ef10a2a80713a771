/** The library's operations as handlers: notes, tree, trash, tags, links and version history. */
import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { NodeCreate, NodeId, NodeList, NodeMove, NodeUpdate } from '../../shared/schemas';
import { diffVersions, getVersion, listVersions } from './versions';

const ById = z.object({ id: NodeId });
const VersionRef = z.object({ id: NodeId, version: z.number().int().min(1) });

export const libraryHandlers = defineHandlers({
  'notes.create': { summary: 'Create a node', input: NodeCreate, run: (e, i) => e.nodes.create(i) },
  'notes.get': { summary: 'Read a node', input: ById, run: (e, { id }) => e.nodes.get(id) },
  'notes.list': { summary: 'List nodes with filters and paging', input: NodeList, run: (e, i) => e.nodes.list(i) },
  'notes.update': { summary: 'Edit a node; a changed title or body keeps a version', input: NodeUpdate, run: (e, i) => e.nodes.update(i) },
  'notes.move': { summary: 'Move or reorder a node in the tree', input: NodeMove, run: (e, i) => e.nodes.move(i) },
  'notes.trash': { summary: 'Move a node and its subtree to the trash', input: ById, run: (e, { id }) => e.nodes.trash(id) },
  'notes.restore': { summary: 'Bring a node back from the trash', input: ById, run: (e, { id }) => e.nodes.restore(id) },
  'notes.purge': { summary: 'Delete a trashed node for good', input: ById, run: (e, { id }) => e.nodes.purge(id) },
  'trash.empty': { summary: 'Delete everything in the trash for good', input: z.object({}), run: (e) => e.nodes.emptyTrash() },
  'notes.links': { summary: 'Outgoing wikilinks and backlinks of a node', input: ById, run: (e, { id }) => e.nodes.links(id) },
  'notes.chunks': {
    summary: 'The chunks of a node as the search index sees them',
    input: ById,
    run: (e, { id }) => {
      e.nodes.get(id);
      return e.db
        .prepare(
          `SELECT c.id, c.ordinal, c.text, c.context, c.start_offset AS start, c.end_offset AS end,
             (SELECT json_group_array(embedder_id) FROM chunk_vectors v WHERE v.chunk_id = c.id) AS embedders
           FROM chunks c WHERE c.node_id = ? ORDER BY c.ordinal`,
        )
        .all(id)
        .map((r) => ({ ...(r as object), embedders: JSON.parse((r as { embedders: string }).embedders) as string[] }));
    },
  },
  'tags.list': { summary: 'Tags in use with their node counts', input: z.object({}), run: (e) => e.nodes.tagCounts() },
  'versions.list': {
    summary: 'Versions of a node, newest first',
    input: ById,
    run: (e, { id }) => (e.nodes.get(id, { includeTrashed: true }), listVersions(e.db, id)),
  },
  'versions.get': { summary: 'One version of a node', input: VersionRef, run: (e, { id, version }) => getVersion(e.db, id, version) },
  'versions.diff': {
    summary: 'Line diff of the body between two versions',
    input: z.object({ id: NodeId, from: z.number().int().min(1), to: z.number().int().min(1) }),
    run: (e, { id, from, to }) => diffVersions(e.db, id, from, to),
  },
  'versions.restore': {
    summary: 'Make an old version current again (itself kept as a new version)',
    input: VersionRef,
    run: (e, { id, version }) => {
      const v = getVersion(e.db, id, version);
      return e.nodes.update({ id, title: v.title, body: v.body });
    },
  },
});
