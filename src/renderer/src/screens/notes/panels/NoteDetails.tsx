/** The column beside the editor: tags, who may see the note and what AI may do with it, links, the index. */
import { useQueryClient } from '@tanstack/react-query';
import type { NodeDTO, NodeLinkDTO } from '../../../../../shared/schemas';
import { useAction } from '../../../client/actions';
import { useCall } from '../../../client/queries';
import { formatDateTime, PrivacySelector, TagChips } from '../../../components';
import { parseHashtags } from '../../../../../shared/markdown';
import { splitTags } from '../editor/hashtags';
import { ChunkList } from './ChunkList';
import { LinkLists } from './LinkLists';
import { NoteInsights } from './NoteInsights';

interface Props {
  node: NodeDTO;
  /** The body as typed, which may be ahead of the saved one: its #hashtags show at once. */
  body: string;
  links?: { outgoing: NodeLinkDTO[]; backlinks: NodeLinkDTO[] };
}

export function NoteDetails({ node, body, links }: Props) {
  const run = useAction();
  const queryClient = useQueryClient();
  const allTags = useCall<{ tag: string; count: number }[]>('tags.list');
  const { explicit } = splitTags(node.tags, node.body);

  const update = async (change: Partial<Pick<NodeDTO, 'tags' | 'privacyLevel' | 'aiUsage'>>, failure: string) => {
    const saved = await run<NodeDTO>('notes.update', { id: node.id, ...change }, { invalidates: ['tags.list', 'notes.list', 'search.query'], failure });
    if (saved) queryClient.setQueryData(['notes.get', { id: node.id }], saved);
  };

  return (
    <aside className="note-side" aria-label="Note details">
      <section className="side-section" aria-labelledby="details-tags">
        <h2 id="details-tags">Tags</h2>
        <TagChips
          tags={explicit}
          fixedTags={parseHashtags(body)}
          fixedHint="From a #hashtag in the text: edit the text to remove it"
          suggestions={allTags.data?.map((t) => t.tag)}
          onChange={(tags) => void update({ tags }, 'Could not change the tags')}
        />
      </section>
      <NoteInsights node={node} />
      <section className="side-section" aria-labelledby="details-privacy">
        <h2 id="details-privacy">Privacy</h2>
        <PrivacySelector
          privacyLevel={node.privacyLevel}
          aiUsage={node.aiUsage}
          onChange={(change) => void update(change, 'Could not change who can see the note')}
        />
      </section>
      <LinkLists links={links} />
      <ChunkList id={node.id} />
      <section className="side-section" aria-labelledby="details-info">
        <h2 id="details-info">Info</h2>
        <dl className="side-meta">
          <dt>Kind</dt>
          <dd>{node.kind}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(node.createdAt)}</dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(node.updatedAt)}</dd>
        </dl>
      </section>
    </aside>
  );
}
