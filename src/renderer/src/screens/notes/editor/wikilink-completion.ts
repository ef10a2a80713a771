/** CodeMirror completion for `[[`: offers note titles that fit what follows it, and closes the link on pick. */
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { completionText, openWikilink } from './wikilinks';

/** Note titles fitting a query, best first. */
export type TitleLookup = (query: string) => Promise<string[]>;

export function wikilinkCompletion(findTitles: TitleLookup) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const open = openWikilink(line.text.slice(0, context.pos - line.from));
    if (!open) return null;
    const titles = await findTitles(open.query);
    if (context.aborted) return null;
    return {
      from: line.from + open.from,
      filter: false,
      options: titles.map((title) => ({
        label: title,
        detail: 'note',
        apply: (view, _completion, from, to) => {
          const insert = completionText(title, view.state.sliceDoc(to, to + 2));
          const end = from + insert.length + (insert.endsWith(']]') ? 0 : 2);
          view.dispatch({ changes: { from, to, insert }, selection: { anchor: end } });
        },
      })),
    };
  };
}
