/** "Related while writing", for the note editor; see RelatedPanel.tsx. */
export { RelatedPanel } from './RelatedPanel';
export { relatedQuery, RELATED_SHORTCUT } from './related-text';
