/**
 * Choosing the embedder: the current one and any re-embed under way, then a form per provider. The engine
 * checks a choice by starting it before anything changes, so a failure here leaves search as it was.
 */
import { useState, type ReactNode } from 'react';
import type { EmbedderStatusDTO } from '../../../../shared/status';
import { useClient } from '../../client/context';
import { useInvalidate } from '../../client/queries';
import { errorMessage, ProgressBar, useToast } from '../../components';
import { embedderAdvice, formFromChoice, PROVIDERS, toChoice, type EmbedderForm, type FormErrors } from './embedder-form';
import { embedderLabel } from './embedder-label';

export function EmbedderStatus({ status }: { status: EmbedderStatusDTO }) {
  const reembedding = status.target !== null && status.active !== status.target;
  return (
    <div className="stack settings-status">
      <p>
        In use: <strong>{status.active ? embedderLabel(status.active) : 'none (keywords only)'}</strong>
      </p>
      {reembedding && status.progress && (
        <>
          <ProgressBar
            label={`Re-embedding with ${embedderLabel(status.target!)}`}
            value={status.progress.done}
            max={status.progress.total}
            detail={`${status.progress.done.toLocaleString()} of ${status.progress.total.toLocaleString()} passages`}
          />
          <p className="muted small">Search keeps working with the current embedder until every passage has its new vector.</p>
        </>
      )}
    </div>
  );
}

export function EmbedderChooser({ status }: { status: EmbedderStatusDTO }) {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const [form, setForm] = useState<EmbedderForm>(() => formFromChoice(status.config));
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<{ message: string; advice: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<EmbedderForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    const result = toChoice(form);
    setFailure(null);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    setBusy(true);
    try {
      const next = await client.call<EmbedderStatusDTO>('index.setEmbedder', result.choice);
      await invalidate('settings.get', 'index.status', 'library.stats');
      const pending = next.progress?.pending ?? 0;
      toast.success(pending > 0 ? `Embedder chosen. Re-embedding ${pending.toLocaleString()} passages in the background.` : 'Embedder chosen.');
    } catch (error) {
      const message = errorMessage(error);
      setFailure({ message, advice: embedderAdvice(form, message) });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof EmbedderForm, label: string, extra: { type?: string; placeholder?: string; hint?: ReactNode } = {}) => (
    <label className="settings-field">
      <span>{label}</span>
      <input
        className="input"
        type={extra.type ?? 'text'}
        value={form[name]}
        placeholder={extra.placeholder}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        onChange={(e) => set({ [name]: e.target.value })}
        autoComplete="off"
        spellCheck={false}
      />
      {errors[name] && (
        <span id={`${name}-error`} className="settings-field-error">
          {errors[name]}
        </span>
      )}
      {extra.hint && <span className="muted small">{extra.hint}</span>}
    </label>
  );

  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {/* Laid out like the shared privacy choices: side by side, the chosen one explained below. */}
      <fieldset className="choice-group" aria-describedby="provider-explain">
        <legend>Embedder</legend>
        <div className="choice-row">
          {PROVIDERS.map((p) => (
            <label key={p.value} className="choice" title={p.explain}>
              <input type="radio" name="provider" value={p.value} checked={form.provider === p.value} onChange={() => set({ provider: p.value })} />
              <span className="choice-label">{p.label}</span>
            </label>
          ))}
        </div>
        <p className="choice-explain" id="provider-explain" aria-live="polite">
          {PROVIDERS.find((p) => p.value === form.provider)?.explain}
        </p>
      </fieldset>

      {form.provider === 'onnx' &&
        field('modelDir', 'Model folder', {
          placeholder: '/home/me/models/all-MiniLM-L6-v2',
          hint: 'A folder on the machine running the engine, with config.json, tokenizer.json and onnx/model.onnx.',
        })}
      {form.provider === 'ollama' && (
        <>
          {field('ollamaUrl', 'Ollama address', { placeholder: 'http://127.0.0.1:11434', hint: 'Leave empty for Ollama on this machine.' })}
          {field('ollamaModel', 'Model', { hint: 'Pull it first, e.g. `ollama pull nomic-embed-text`.' })}
        </>
      )}
      {form.provider === 'openai' && (
        <>
          {field('openaiUrl', 'Endpoint URL', { placeholder: 'https://api.openai.com/v1', hint: 'Leave empty for OpenAI itself.' })}
          {field('openaiKey', 'Provider API key', { type: 'password', hint: 'Kept in the library; sent only to this endpoint.' })}
          {field('openaiModel', 'Model')}
          {field('openaiDimensions', 'Dimensions', { placeholder: 'the model’s default', hint: 'Only for models that can shorten their vectors.' })}
        </>
      )}

      {failure && (
        <div className="form-error" role="alert">
          <p>
            <strong>That embedder could not start.</strong> {failure.advice} Nothing was changed.
          </p>
          <p className="small">{failure.message}</p>
        </div>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Starting the embedder…' : 'Use this embedder'}
        </button>
        {busy && <span className="muted small">Checking that it answers; a model loading for the first time can take a minute.</span>}
      </div>
    </form>
  );
}
