/**
 * One turn of a chat: the owner's question, or an answer with its mode, its text (citations as superscripts),
 * the sources it drew on and thumbs up or down.
 */
import type { ChatMessageDTO, CitationDTO } from '../../../../shared/chat-schemas';
import { formatDateTime, Snippet } from '../../components';
import { kindLabel } from '../search/hit-text';
import { kindIcon } from '../timeline/ItemTile';
import { AnswerText } from './AnswerText';
import { modelText, modeLabel, sourcesHeading } from './chat-text';

/** Kinds a vision model can be asked about. */
const PICTURES = new Set(['photo', 'screenshot', 'camera_frame']);

export interface CitationActions {
  onOpen: (c: CitationDTO) => void;
  /** Ask a new question about a cited picture. */
  onAskAbout?: (c: CitationDTO) => void;
}

export function Question({ text, picture }: { text: string; picture?: string | null }) {
  return (
    <div className="chat-msg chat-question">
      <h3 className="visually-hidden">You asked</h3>
      {picture && <img className="chat-question-picture" src={picture} alt="The photo sent with this question" />}
      <p>{text}</p>
    </div>
  );
}

interface AnswerProps {
  message: ChatMessageDTO;
  actions: CitationActions;
  onFeedback: (value: 1 | -1) => void;
  /** A word on why there was no model, under the mode label. */
  hint?: string | null;
}

export function Answer({ message, actions, onFeedback, hint }: AnswerProps) {
  const label = modeLabel(message.mode);
  const model = message.mode === 'llm' ? modelText(message) : null;
  return (
    <article className="chat-msg chat-answer" data-mode={message.mode ?? undefined} aria-label="Answer">
      {message.mode === 'extractive' && label && <p className="chat-mode">{label}</p>}
      {hint && <p className="chat-hint small">{hint}</p>}
      <AnswerText text={message.content} citations={message.citations} onOpen={actions.onOpen} />
      {message.citations.length > 0 && (
        <Sources heading={message.mode === 'nothing' ? label! : sourcesHeading(message.mode, message.citations.length)} citations={message.citations} actions={actions} />
      )}
      <footer className="chat-answer-foot">
        <span className="muted small">
          {model ? `${model} · ` : ''}
          {formatDateTime(message.createdAt)}
        </span>
        <span className="spacer" />
        <div className="chat-feedback" role="group" aria-label="Was this answer useful?">
          <button type="button" className="icon-button" aria-pressed={message.feedback === 1} aria-label="Good answer" title="Good answer" onClick={() => onFeedback(1)}>
            <Thumb />
          </button>
          <button type="button" className="icon-button" aria-pressed={message.feedback === -1} aria-label="Bad answer" title="Bad answer" onClick={() => onFeedback(-1)}>
            <Thumb down />
          </button>
        </div>
      </footer>
    </article>
  );
}

function Sources({ heading, citations, actions }: { heading: string; citations: CitationDTO[]; actions: CitationActions }) {
  return (
    <section className="chat-sources">
      <h3 className="chat-sources-title">{heading}</h3>
      <ol className="chat-source-list">
        {citations.map((c) => (
          <li key={c.n} className="chat-source">
            <button type="button" className="chat-source-open" onClick={() => actions.onOpen(c)}>
              <span className="chat-source-n" aria-hidden="true">
                {c.n}
              </span>
              {c.thumbnail ? (
                <img className="chat-source-thumb" src={c.thumbnail} alt="" loading="lazy" />
              ) : (
                <span className="chat-source-thumb chat-source-icon" aria-hidden="true">
                  {kindIcon(c.kind)}
                </span>
              )}
              <span className="chat-source-main">
                <span className="chat-source-head">
                  <span className="chat-source-title">{c.title || 'Untitled'}</span>
                  <span className="badge">{kindLabel(c.kind)}</span>
                  {c.at && <span className="muted small">{formatDateTime(c.at)}</span>}
                </span>
                <Snippet html={c.snippet} />
              </span>
            </button>
            {actions.onAskAbout && PICTURES.has(c.kind) && (
              <button type="button" className="button button-small chat-source-ask" onClick={() => actions.onAskAbout!(c)}>
                Ask about this
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A thumb (up, or down): drawn, because emoji fonts are not everywhere. */
function Thumb({ down }: { down?: boolean }) {
  return (
    <svg className="chat-thumb" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" style={down ? { transform: 'rotate(180deg)' } : undefined}>
      <path
        d="M7 10v11M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8a2 2 0 0 1-1.9 1.4H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
