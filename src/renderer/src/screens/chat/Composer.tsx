/**
 * Where questions are written: Enter sends, Shift+Enter starts a new line (Ctrl/⌘+K still opens the palette,
 * which the shell catches first). A photo can go with the question, picked from disk or from a cited item.
 */
import { forwardRef, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import { base64OfDataUrl, imageProblem, isSendKey, type ImageType } from './chat-text';

/** What goes with a question, and how it is shown in the box before sending. */
export type Attachment =
  | { kind: 'file'; imageBase64: string; mime: ImageType; name: string; preview: string }
  | { kind: 'item'; nodeId: string; name: string; preview: string | null };

export interface ComposerHandle {
  focus(): void;
  /** Puts text in the box (an example question, a question to edit again). */
  setText(text: string): void;
  attach(a: Attachment): void;
}

interface Props {
  busy: boolean;
  onSend: (question: string, attachment: Attachment | null) => void;
}

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

export const Composer = forwardRef<ComposerHandle, Props>(function Composer({ busy, onSend }, ref) {
  const [text, setText] = useState('');
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  useImperativeHandle(ref, () => ({
    focus: () => box.current?.focus(),
    setText: (t) => {
      setText(t);
      box.current?.focus();
    },
    attach: (a) => {
      setAttachment(a);
      setProblem(null);
      box.current?.focus();
    },
  }));

  const send = (e?: FormEvent) => {
    e?.preventDefault();
    const question = text.trim();
    if (!question || busy) return;
    onSend(question, attachment);
    setText('');
    setAttachment(null);
    setProblem(null);
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const wrong = imageProblem(file);
    if (wrong) return setProblem(wrong);
    try {
      const url = await readFile(file);
      setAttachment({ kind: 'file', imageBase64: base64OfDataUrl(url), mime: file.type as ImageType, name: file.name, preview: url });
      setProblem(null);
    } catch (error) {
      setProblem(`“${file.name}” could not be read: ${(error as Error).message}`);
    }
    box.current?.focus();
  };

  return (
    <form className="chat-composer" onSubmit={send}>
      <div className="chat-composer-inner">
        {attachment && (
          <div className="chat-attachment">
            {attachment.preview ? <img src={attachment.preview} alt="" /> : <span aria-hidden="true">▧</span>}
            <span className="chat-attachment-name">
              <span className="muted small">Asking about </span>
              {attachment.name}
            </span>
            <button type="button" className="icon-button" aria-label={`Remove ${attachment.name}`} onClick={() => setAttachment(null)}>
              ×
            </button>
          </div>
        )}
        {problem && (
          <p className="form-error small" role="alert">
            {problem}
          </p>
        )}
        <div className="chat-composer-row">
          <textarea
            ref={box}
            className="input chat-input"
            aria-label="Ask your memory"
            aria-keyshortcuts="Enter"
            placeholder="Ask about anything you have kept…"
            rows={1}
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (isSendKey({ key: e.key, shiftKey: e.shiftKey, altKey: e.altKey, isComposing: e.nativeEvent.isComposing })) {
                e.preventDefault();
                send();
              }
            }}
          />
          <button type="button" className="button chat-attach" onClick={() => picker.current?.click()} aria-label="Attach a photo" title="Attach a photo (JPEG, PNG or WebP)">
            <span aria-hidden="true">＋</span> Photo
          </button>
          <input
            ref={picker}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Photo to ask about"
            onChange={(e) => {
              void pick(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button type="submit" className="button button-primary" disabled={busy || !text.trim()}>
            {busy ? 'Answering…' : 'Ask'}
          </button>
        </div>
        <p className="chat-composer-hint muted small">Enter sends · Shift+Enter starts a new line</p>
      </div>
    </form>
  );
});
