/**
 * The rendered note: GitHub-flavoured markdown, sanitised (no raw HTML, no scripts, only safe URLs), with
 * [[wikilinks]] as buttons that open the linked note. Web links open outside the app.
 */
import Markdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { remarkWikilinks, WIKILINK_HREF } from './remark-wikilinks';

interface Props {
  body: string;
  /** Whether a title links to an existing note (unresolved links look muted and create the note). */
  isResolved: (title: string) => boolean;
  onOpenLink: (title: string) => void;
}

export function Preview({ body, isResolved, onOpenLink }: Props) {
  const components: Components = {
    a: ({ href = '', children }) => {
      if (href.startsWith(WIKILINK_HREF)) {
        const title = decodeURIComponent(href.slice(WIKILINK_HREF.length));
        const resolved = isResolved(title);
        return (
          <button
            type="button"
            className="wikilink"
            data-unresolved={!resolved}
            title={resolved ? `Open “${title}”` : `No note is called “${title}” yet: click to create it`}
            onClick={() => onOpenLink(title)}
          >
            {children}
          </button>
        );
      }
      const external = /^https?:/i.test(href);
      return (
        <a href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {children}
        </a>
      );
    },
  };

  if (!body.trim()) return <p className="preview preview-empty">Nothing to preview yet.</p>;
  return (
    <div className="preview">
      <Markdown remarkPlugins={[remarkGfm, remarkWikilinks]} rehypePlugins={[rehypeSanitize]} components={components}>
        {body}
      </Markdown>
    </div>
  );
}
