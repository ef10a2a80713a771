/** A small glyph per node kind for the tree; plain characters, so no icon font or image is needed. */
import type { NodeKind } from '../../../../../shared/schemas';

const ICONS: Partial<Record<NodeKind, string>> = {
  note: '≡', journal: '◐', memory: '✦', bookmark: '⚑', folder: '▣', document: '▤', photo: '▨', audio: '♪',
  video: '▶', screenshot: '▭', summary: '∑', transcript: '❝',
};

export const kindIcon = (kind: NodeKind): string => ICONS[kind] ?? '•';
