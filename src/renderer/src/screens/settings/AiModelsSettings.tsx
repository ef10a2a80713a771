/**
 * Settings → AI models: for each task (chat, summaries, photos) Auto, None, an Ollama server or an
 * OpenAI-compatible endpoint, with the model picked from the server's list, the key kept unseen, and a
 * connection test. Privacy first: items whose AI use is "No AI" never reach any model, and a remote address is
 * called out, because questions and passages then leave the machine.
 */
import { useId, useState } from 'react';
import { useClient } from '../../client/context';
import { useCall, useInvalidate } from '../../client/queries';
import { errorMessage, QueryState, Spinner, SubmitRow, useToast } from '../../components';
import {
  formFromChoice, PROVIDER_KINDS, providerText, remoteAiHost, sameEndpoint, sameForm, TASKS, toChoice, type AiForm, type AiFormErrors,
} from './ai-form';
import type { AiProvidersDTO, AiTask, AiTestResult, ModelInfo, ProviderChoiceDTO, ProviderDTO } from './ai-types';
import { formatBytes } from '../stats/format';
import { FormFailure, SavedKeyField } from './fields';

export function AiModelsSection() {
  const providers = useCall<AiProvidersDTO>('ai.providers.get');
  const [task, setTask] = useState<AiTask>('chat');
  // Kept here, not in the form: saving re-creates the form with what is now saved.
  const [tests, setTests] = useState<Partial<Record<AiTask, AiTestResult>>>({});

  return (
    <section className="card stack" aria-labelledby="settings-ai">
      <h2 id="settings-ai">AI models</h2>
      <p className="muted small">
        A model writes chat answers, summaries and descriptions of photos. Without one, Engram still answers from your notes’ own
        sentences, labelled as such.
      </p>
      <p className="ai-privacy small" role="note">
        <strong>Your privacy settings always hold.</strong> Items whose AI use is “No AI” never reach any model, on this machine or
        elsewhere. A model at an address outside this computer receives your questions and the passages used to answer them.
      </p>
      <QueryState query={providers} loading="Loading the AI model settings" failure="Could not read the AI model settings" lines={5}>
        {(data) => (
          <>
            <dl className="ai-in-use">
              {TASKS.map((t) => (
                <div key={t.task}>
                  <dt>{t.label}</dt>
                  <dd>
                    {data.choices[t.task] === 'auto' && <span className="badge">Auto</span>} {providerText(data.resolved[t.task])}
                  </dd>
                </div>
              ))}
            </dl>
            <div className="segmented ai-tasks" role="group" aria-label="Task to set up">
              {TASKS.map((t) => (
                <button key={t.task} type="button" aria-pressed={task === t.task} onClick={() => setTask(t.task)}>
                  {t.label}
                </button>
              ))}
            </div>
            <p className="muted small">{TASKS.find((t) => t.task === task)!.explain}</p>
            <TaskForm
              key={`${task}:${JSON.stringify(data.choices[task])}`}
              task={task}
              saved={data.choices[task]}
              resolved={data.resolved[task]}
              test={tests[task]}
              onTested={(r) => setTests((all) => ({ ...all, [task]: r }))}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

interface TaskFormProps {
  task: AiTask;
  saved: ProviderChoiceDTO;
  resolved: ProviderDTO;
  test?: AiTestResult;
  onTested: (r: AiTestResult) => void;
}

function TaskForm({ task, saved, resolved, test, onTested }: TaskFormProps) {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const [form, setForm] = useState<AiForm>(() => formFromChoice(saved));
  const [errors, setErrors] = useState<AiFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const set = (patch: Partial<AiForm>) => setForm((f) => ({ ...f, ...patch }));
  const dirty = !sameForm(form, formFromChoice(saved));
  const remote = remoteAiHost(form);
  const keySaved = saved !== 'auto' && saved.provider === 'openai' && saved.apiKeySaved === true;
  const listable = sameEndpoint(form, resolved);
  const models = useCall<ModelInfo[]>('ai.models', { task }, { enabled: listable, retry: false, staleTime: 60_000 });

  const save = async (): Promise<boolean> => {
    const result = toChoice(form, saved);
    setFailure(null);
    if ('errors' in result) {
      setErrors(result.errors);
      return false;
    }
    setErrors({});
    setBusy('save');
    try {
      await client.call('ai.providers.set', { task, choice: result.choice });
      toast.success(`${TASKS.find((t) => t.task === task)!.label}: model settings saved.`);
      await invalidate('ai.providers.get', 'ai.models');
      return true;
    } catch (error) {
      setFailure(errorMessage(error));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    if (dirty && !(await save())) return;
    setBusy('test');
    try {
      onTested(await client.call<AiTestResult>('ai.test', { task }));
    } catch (error) {
      onTested({ ok: false, message: errorMessage(error), provider: null });
    } finally {
      setBusy(null);
    }
  };

  const ids = useId();
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="choice-group" aria-describedby={`${ids}-explain`}>
        <legend>Provider</legend>
        <div className="choice-row">
          {PROVIDER_KINDS.map((p) => (
            <label key={p.value} className="choice" title={p.explain}>
              <input type="radio" name={`${ids}-provider`} value={p.value} checked={form.kind === p.value} onChange={() => set({ kind: p.value })} />
              <span className="choice-label">{p.label}</span>
            </label>
          ))}
        </div>
        <p className="choice-explain" id={`${ids}-explain`} aria-live="polite">
          {PROVIDER_KINDS.find((p) => p.value === form.kind)?.explain}
        </p>
      </fieldset>

      {form.kind === 'ollama' && (
        <>
          <Field id={`${ids}-ollama-url`} label="Server address" value={form.ollamaUrl} error={errors.ollamaUrl} placeholder="http://127.0.0.1:11434" onChange={(v) => set({ ollamaUrl: v })} />
          <ModelField id={`${ids}-ollama-model`} label="Model" value={form.ollamaModel} error={errors.ollamaModel} placeholder="llama3.2" listable={listable} models={models} onChange={(v) => set({ ollamaModel: v })} />
          <ModelField id={`${ids}-ollama-vision`} label="Model for photos (optional)" value={form.ollamaVision} placeholder="llava" listable={listable} models={models} onChange={(v) => set({ ollamaVision: v })} hint="Used when a question comes with a photo." />
        </>
      )}
      {form.kind === 'openai' && (
        <>
          <Field
            id={`${ids}-openai-url`}
            label="Endpoint address"
            value={form.openaiUrl}
            error={errors.openaiUrl}
            placeholder="https://api.openai.com/v1"
            hint="The address before /chat/completions, usually ending in /v1."
            onChange={(v) => set({ openaiUrl: v })}
          />
          <SavedKeyField
            id={`${ids}-openai-key`}
            label="API key"
            value={form.openaiKey}
            error={errors.openaiKey}
            saved={keySaved}
            hint="Kept in the library and sent only to this endpoint. Servers on this machine usually need none."
            savedHint="A key is saved for this endpoint. Leave the field empty to keep it, or type a new one to replace it."
            onChange={(v) => set({ openaiKey: v })}
          />
          <ModelField id={`${ids}-openai-model`} label="Model" value={form.openaiModel} error={errors.openaiModel} placeholder="gpt-4o-mini" listable={listable} models={models} onChange={(v) => set({ openaiModel: v })} />
          <ModelField id={`${ids}-openai-vision`} label="Model for photos (optional)" value={form.openaiVision} listable={listable} models={models} onChange={(v) => set({ openaiVision: v })} hint="Used when a question comes with a photo." />
          <details className="ai-pricing">
            <summary>Price (optional)</summary>
            <div className="settings-grid">
              <Field id={`${ids}-price-in`} label="Input, $ per million tokens" value={form.priceIn} error={errors.priceIn} placeholder="0.15" inputMode="decimal" onChange={(v) => set({ priceIn: v })} />
              <Field id={`${ids}-price-out`} label="Output, $ per million tokens" value={form.priceOut} error={errors.priceOut} placeholder="0.60" inputMode="decimal" onChange={(v) => set({ priceOut: v })} />
            </div>
            <p className="muted small">For the usage estimate. Well-known OpenAI models are priced already; models on your own machine cost nothing.</p>
          </details>
        </>
      )}

      {remote && (
        <p className="settings-warning" role="note">
          <strong>Text leaves this machine:</strong> questions and the passages used to answer them are sent to <code>{remote}</code>. Items whose AI use is “No
          AI” are never sent.
        </p>
      )}
      {failure && <FormFailure title="The model settings were not saved." message={failure} />}
      <SubmitRow label="Save" busyLabel="Saving…" busy={busy === 'save'} disabled={busy !== null || !dirty} className="ai-actions">
        <button type="button" className="button" disabled={busy !== null} onClick={() => void runTest()}>
          {busy === 'test' ? 'Testing…' : dirty ? 'Save and test connection' : 'Test connection'}
        </button>
        {busy === 'test' && <Spinner label="Testing the connection" />}
      </SubmitRow>
      <div role="status" aria-live="polite">
        {test && (
          <p className={test.ok ? 'ai-test ai-test-ok' : 'ai-test ai-test-failed'}>
            <strong>{test.ok ? 'Connected.' : 'Not connected.'}</strong> {test.ok ? test.message.replace(/^Connected;\s*/, '') : test.message}
            {test.provider && <span className="muted small"> ({test.provider})</span>}
          </p>
        )}
      </div>
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  placeholder?: string;
  inputMode?: 'url' | 'decimal';
  onChange: (v: string) => void;
}) {
  const describedBy = [props.error && `${props.id}-error`, props.hint && `${props.id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="settings-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        className="input"
        inputMode={props.inputMode ?? 'url'}
        value={props.value}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <span id={`${props.id}-error`} className="settings-field-error">
          {props.error}
        </span>
      )}
      {props.hint && (
        <span id={`${props.id}-hint`} className="muted small">
          {props.hint}
        </span>
      )}
    </div>
  );
}

/** A model name, typed or picked from the models the server in use offers. */
function ModelField(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  placeholder?: string;
  listable: boolean;
  models: { data?: ModelInfo[]; isError: boolean; error: Error | null; isFetching: boolean };
  onChange: (v: string) => void;
}) {
  const { models } = props;
  const list = props.listable ? (models.data ?? []) : [];
  const note = !props.listable
    ? 'Save, and the models this server offers can be picked here.'
    : models.isError
      ? `Could not list the server’s models: ${errorMessage(models.error)}`
      : models.isFetching && !models.data
        ? 'Asking the server for its models…'
        : list.length === 0
          ? 'The server lists no models.'
          : null;
  const hint = [props.hint, note].filter(Boolean).join(' ');
  return (
    <div className="settings-field">
      <label htmlFor={props.id}>{props.label}</label>
      <span className="settings-input-row">
        <input
          id={props.id}
          className="input"
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={[props.error && `${props.id}-error`, hint && `${props.id}-hint`].filter(Boolean).join(' ') || undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {list.length > 0 && (
          <select className="select ai-model-pick" aria-label={`Pick the ${props.label.toLowerCase()} from the server’s list`} value="" onChange={(e) => e.target.value && props.onChange(e.target.value)}>
            <option value="" disabled>
              Pick from {list.length} {list.length === 1 ? 'model' : 'models'}…
            </option>
            {list.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
                {m.sizeBytes ? ` (${formatBytes(m.sizeBytes)})` : ''}
              </option>
            ))}
          </select>
        )}
      </span>
      {props.error && (
        <span id={`${props.id}-error`} className="settings-field-error">
          {props.error}
        </span>
      )}
      {hint && (
        <span id={`${props.id}-hint`} className="muted small">
          {hint}
        </span>
      )}
    </div>
  );
}
