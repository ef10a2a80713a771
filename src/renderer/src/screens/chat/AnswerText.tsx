/**
 * An answer's text: markdown (sanitised, no raw HTML), with each "[n]" as a superscript button opening source n.
 * While streaming there are no sources yet, so the numbers show but do nothing until the answer is complete.
 */
import Markdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import type { CitationDTO } from '../../../../shared/chat-schemas';
import { citeTarget, remarkCitations } from './remark-citations';

interface Props {
  text: string;
  citations: CitationDTO[];
  onOpen?: (c: CitationDTO) => void;
}

export function AnswerText({ text, citations, onOpen }: Props) {
  const components: Components = {
    a: ({ href, children }) => {
      const n = citeTarget(href);
      if (n === null) {
        const external = /^https?:/i.test(href ?? '');
        return (
          <a href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
            {children}
          </a>
        );
      }
      const source = citations.find((c) => c.n === n);
      if (!source || !onOpen) {
        return (
          <sup className="chat-cite" data-unlinked="true">
            {n}
          </sup>
        );
      }
      return (
        <sup className="chat-cite">
          <button type="button" aria-label={`Source ${n}: ${source.title || 'Untitled'}`} title={source.title || 'Untitled'} onClick={() => onOpen(source)}>
            {n}
          </button>
        </sup>
      );
    },
  };
  return (
    <div className="chat-answer-text">
      <Markdown remarkPlugins={[remarkGfm, remarkCitations]} rehypePlugins={[rehypeSanitize]} components={components}>
        {text}
      </Markdown>
    </div>
  );
}
