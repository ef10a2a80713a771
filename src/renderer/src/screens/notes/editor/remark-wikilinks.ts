/**
 * A remark plugin for the preview: `[[Title]]` in text becomes a link to `#/wikilink/<Title>`, which the
 * preview renders as a button that opens (or creates) that note. Code spans and blocks are left alone, as
 * are links' own texts.
 */
import { WIKILINK } from './wikilinks';

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

export const WIKILINK_HREF = '#/wikilink/';

export function splitWikilinks(text: string): MdNode[] {
  const out: MdNode[] = [];
  let last = 0;
  for (const m of text.matchAll(WIKILINK)) {
    if (m.index > last) out.push({ type: 'text', value: text.slice(last, m.index) });
    const title = m[1]!.trim();
    out.push({ type: 'link', url: WIKILINK_HREF + encodeURIComponent(title), children: [{ type: 'text', value: m[2]?.trim() || title }] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

function visit(node: MdNode): void {
  if (!node.children || node.type === 'link' || node.type === 'linkReference') return;
  node.children = node.children.flatMap((child) => (child.type === 'text' && child.value?.includes('[[') ? splitWikilinks(child.value) : [child]));
  node.children.forEach(visit);
}

export function remarkWikilinks() {
  return (tree: MdNode) => visit(tree);
}
