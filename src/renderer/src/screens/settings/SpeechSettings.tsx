/**
 * Settings → Speech: which speech-to-text service writes transcripts of recordings and videos. With none,
 * recordings wait; a service off this machine receives the audio, except of items whose AI use is "No AI".
 */
import { useState } from 'react';
import { useClient } from '../../client/context';
import { useCall, useInvalidate } from '../../client/queries';
import { errorMessage, QueryState, SubmitRow, useToast } from '../../components';
import { FormFailure, SavedKeyField, TextField } from './fields';
import { formFromConfig, remoteHost, SPEECH_PROVIDERS, toSpeechConfig, type SpeechConfigDTO, type SpeechForm, type SpeechFormErrors } from './speech-form';

export function SpeechSettingsSection() {
  const config = useCall<SpeechConfigDTO>('speech.get', {});
  return (
    <section className="card stack" aria-labelledby="settings-speech">
      <h2 id="settings-speech">Speech</h2>
      <p className="muted small">Transcripts make what is said in voice notes, recordings and videos searchable.</p>
      <QueryState query={config} loading="Loading speech settings" failure="Could not read the speech settings" lines={4}>
        {(data) => <SpeechChooser key={JSON.stringify(data)} saved={data} />}
      </QueryState>
    </section>
  );
}

function SpeechChooser({ saved }: { saved: SpeechConfigDTO }) {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const [form, setForm] = useState<SpeechForm>(() => formFromConfig(saved));
  const [errors, setErrors] = useState<SpeechFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<SpeechForm>) => setForm((f) => ({ ...f, ...patch }));
  const remote = remoteHost(form);
  const hasSavedKey = saved.provider === 'openai' && saved.apiKeySaved === true;

  const submit = async () => {
    const result = toSpeechConfig(form, saved);
    setFailure(null);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    setBusy(true);
    try {
      await client.call('speech.set', result.config);
      await invalidate('speech.get', 'media.detail', 'dashboard.get');
      toast.success(result.config.provider === 'none' ? 'Transcription turned off; recordings keep waiting for a provider.' : 'Speech provider saved. Waiting transcriptions start now.');
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof SpeechForm, label: string, extra: { placeholder?: string; hint?: string } = {}) => (
    <TextField
      name={`speech-${name}`}
      label={label}
      value={form[name]}
      error={errors[name]}
      hint={extra.hint}
      placeholder={extra.placeholder}
      inputMode="url"
      onChange={(v) => set({ [name]: v })}
    />
  );

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset className="choice-group" aria-describedby="speech-provider-explain">
        <legend>Speech-to-text provider</legend>
        <div className="choice-row">
          {SPEECH_PROVIDERS.map((p) => (
            <label key={p.value} className="choice" title={p.explain}>
              <input type="radio" name="speech-provider" value={p.value} checked={form.provider === p.value} onChange={() => set({ provider: p.value })} />
              <span className="choice-label">{p.label}</span>
            </label>
          ))}
        </div>
        <p className="choice-explain" id="speech-provider-explain" aria-live="polite">
          {SPEECH_PROVIDERS.find((p) => p.value === form.provider)?.explain}
        </p>
      </fieldset>

      {form.provider === 'openai' && (
        <>
          {field('openaiUrl', 'Endpoint URL', { placeholder: 'https://api.openai.com/v1', hint: 'The address before /audio/transcriptions.' })}
          <SavedKeyField
            id="speech-openaiKey"
            label="Provider API key"
            value={form.openaiKey}
            error={errors.openaiKey}
            saved={hasSavedKey}
            hint="Kept in the library; sent only to this endpoint. Local servers often need none."
            savedHint="A key is saved for this provider. Leave the field empty to keep it, or type a new one to replace it."
            onChange={(v) => set({ openaiKey: v })}
          />
          {field('openaiModel', 'Model', { placeholder: 'whisper-1' })}
        </>
      )}
      {form.provider === 'whisper-cpp' && field('whisperUrl', 'Server URL', { placeholder: 'http://127.0.0.1:8080', hint: 'Where whisper-server listens; Engram posts to /inference.' })}
      {form.provider !== 'none' && field('language', 'Language', { placeholder: 'detect', hint: 'A code such as en or de; empty lets the model detect it.' })}

      {remote && (
        <p className="settings-warning" role="note">
          <strong>Audio leaves this machine:</strong> recordings are sent to <code>{remote}</code> to be transcribed. Items whose AI use is
          “No AI” are never sent.
        </p>
      )}
      {failure && <FormFailure title="The speech provider was not saved." message={failure} />}
      <SubmitRow label="Use this provider" busyLabel="Saving…" busy={busy} />
    </form>
  );
}
