/**
 * A remark plugin for answers: each "[n]" in text becomes a link to `#/cite/<n>`, which the answer renders as a
 * superscript button opening source n. Code and links' own texts are left alone.
 */
import { citationParts } from './citations';

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

export const CITE_HREF = '#/cite/';

/** A text node's value as text and citation-link nodes. */
export function splitCitations(value: string): MdNode[] {
  return citationParts(value).map((p) =>
    p.kind === 'text' ? { type: 'text', value: p.text } : { type: 'link', url: `${CITE_HREF}${p.n}`, children: [{ type: 'text', value: String(p.n) }] },
  );
}

function visit(node: MdNode): void {
  if (!node.children || node.type === 'link' || node.type === 'linkReference') return;
  node.children = node.children.flatMap((child) => (child.type === 'text' && child.value?.includes('[') ? splitCitations(child.value) : [child]));
  node.children.forEach(visit);
}

export function remarkCitations() {
  return (tree: MdNode) => visit(tree);
}

/** The source number a link produced by this plugin points at, or null for any other link. */
export function citeTarget(href: string | undefined): number | null {
  if (!href?.startsWith(CITE_HREF)) return null;
  const n = Number(href.slice(CITE_HREF.length));
  return Number.isInteger(n) && n > 0 ? n : null;
}
