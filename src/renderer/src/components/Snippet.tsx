/** A search hit's snippet with its matched words highlighted. Pass the server's `snippet` string as is. */
import { snippetParts } from './snippet-parts';

export function Snippet({ html, className }: { html: string; className?: string }) {
  return (
    <span className={className ?? 'snippet'}>
      {snippetParts(html).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
