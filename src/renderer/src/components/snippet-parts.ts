/**
 * The server's search snippets are HTML-escaped text with `<mark>` around matched words. Rather than trusting
 * that string as HTML, split it into plain-text parts and decode the entities, so React renders text and the
 * only elements ever created are our own `<mark>`s.
 */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function snippetParts(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  // Odd pieces sit between <mark> and </mark>.
  html.split(/<mark>|<\/mark>/).forEach((piece, i) => {
    if (piece) parts.push({ text: decodeEntities(piece), mark: i % 2 === 1 });
  });
  return parts;
}
