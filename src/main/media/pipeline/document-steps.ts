/** Documents: PDF, DOCX, HTML, Markdown and plain text become the node's searchable body. */
import type { ExtractedText } from '../documents';
import { defineStep } from './step-types';

export const documentText = defineStep<ExtractedText>({
  step: 'document.text',
  version: 1,
  label: 'Text',
  kinds: ['document'],
  run(payload, ctx, env) {
    const maxBytes = env.settings().maxFileMb * 1024 * 1024;
    return env.pool.run<ExtractedText>({ op: 'document', file: env.blobPath(payload.sha256), mime: payload.mime, maxBytes }, ctx.signal);
  },
  apply(r, _payload, job, env) {
    const nodeId = job.nodeId!;
    env.items.record(nodeId, {
      document: { pages: r.pages, title: r.title },
      warnings: r.warnings.length ? r.warnings : undefined,
    });
    const node = env.nodes.get(nodeId);
    // A title the document gives beats the file name, unless a person renamed the item already.
    const title = r.title && node.title === node.metadata.fileTitle ? r.title : undefined;
    env.nodes.update({ id: nodeId, body: r.text, ...(title ? { title } : {}) });
  },
});
