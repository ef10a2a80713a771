/**
 * The markdown source editor (CodeMirror 6). It owns its text once created: `initialValue` is read on mount
 * only, and every edit is reported through `onChange`. Remount it (change its `key`) to load other text, e.g.
 * after a version is restored. `[[` offers note titles (wikilink-completion.ts).
 */
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { TitleLookup } from './wikilink-completion';
import { wikilinkCompletion } from './wikilink-completion';

interface Props {
  initialValue: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  findTitles: TitleLookup;
  autoFocus?: boolean;
}

export function MarkdownEditor({ initialValue, onChange, onBlur, findTitles, autoFocus }: Props) {
  const host = useRef<HTMLDivElement>(null);
  // The view is created once; callbacks are read through a ref so it never sees stale ones.
  const latest = useRef({ onChange, onBlur, findTitles });
  latest.current = { onChange, onBlur, findTitles };

  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialValue,
        extensions: [
          history(),
          markdown(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          EditorView.lineWrapping,
          placeholder('Write in markdown. [[ links a note, #word adds a tag.'),
          autocompletion({ override: [wikilinkCompletion((q) => latest.current.findTitles(q))], icons: false }),
          // Tab indents (lists); Esc then Tab leaves the editor, as CodeMirror documents for keyboard users.
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': 'Note body', spellcheck: 'true' }),
          EditorView.updateListener.of((u) => u.docChanged && latest.current.onChange(u.state.doc.toString())),
          EditorView.domEventHandlers({ blur: () => void latest.current.onBlur() }),
        ],
      }),
    });
    if (autoFocus) view.focus();
    return () => view.destroy();
    // initialValue and autoFocus are read once on purpose: the editor owns its text after that.
  }, []);

  return <div className="editor" ref={host} />;
}
