import { afterEach, describe, expect, it } from 'vitest';
import { createSpeechProvider } from './index';
import { createOpenAISpeechProvider } from './openai';
import { closeAllServers, failure, fakeRecognise, json, makeWav, serve, type Handler } from './test-support';

afterEach(closeAllServers);

const KEY = 'sk-test-0123456789';
const fast = { retryDelayMs: 5 };

/** POST /v1/audio/transcriptions as OpenAI answers it, errors included. */
const openai: Handler = ({ url, headers, fields, files }, res) => {
  const error = (status: number, message: string, extra: object = {}) =>
    json(res, status, { error: { message, type: 'invalid_request_error', param: null, code: null, ...extra } });
  if (url !== '/v1/audio/transcriptions') return error(404, `Invalid URL (POST ${url})`);
  if (headers.authorization !== `Bearer ${KEY}`) {
    const key = headers.authorization?.replace(/^Bearer /, '') ?? '';
    return error(401, `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`, { code: 'invalid_api_key' });
  }
  if (!fields.model) return error(400, 'you must provide a model parameter');
  const heard = files.file && fakeRecognise(files.file.data);
  if (!heard) return error(400, "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']");
  const format = fields.response_format ?? 'json';
  if (fields.model.startsWith('gpt-4o') && format === 'verbose_json') {
    return error(400, `response_format 'verbose_json' is not compatible with model '${fields.model}'. Use 'json' or 'text' instead.`, {
      param: 'response_format',
      code: 'unsupported_value',
    });
  }
  const text = heard.phrases.map((p) => p.text.trim()).join(' ');
  const usage = { type: 'duration', seconds: Math.ceil(heard.duration) };
  if (format === 'text') return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
  if (format === 'json') return json(res, 200, { text, usage });
  json(res, 200, {
    task: 'transcribe',
    language: fields.language === 'de' ? 'german' : 'english',
    duration: heard.duration,
    text,
    segments: heard.phrases.map((p, id) => ({
      id,
      seek: 0,
      start: p.start,
      end: p.end,
      text: p.text,
      tokens: [50364, 2698, 1922],
      temperature: Number(fields.temperature),
      avg_logprob: -0.2860786020755768,
      compression_ratio: 1.2363636493682861,
      no_speech_prob: 0.00985979475080967,
    })),
    usage,
  });
};

const config = (baseUrl: string, extra: object = {}) => ({ provider: 'openai' as const, baseUrl: `${baseUrl}/v1`, apiKey: KEY, ...extra });

function provider(baseUrl: string, extra: object = {}, http: object = fast) {
  const p = createSpeechProvider(config(baseUrl, extra), http);
  if (!p) throw new Error('expected a provider');
  return p;
}

describe('OpenAI-compatible speech provider', () => {
  it('sends the WAV and fields as multipart/form-data and reads verbose_json segments', async () => {
    const { baseUrl, requests } = await serve(openai);
    const wav = makeWav(3);
    const speech = provider(baseUrl, { baseUrl: `${baseUrl}/v1/`, language: 'de' });
    expect(speech.id).toBe(`openai:whisper-1@${new URL(baseUrl).host}`);
    expect(speech.isRemote).toBe(false);

    const transcript = await speech.transcribe(wav);
    expect(transcript).toEqual({
      text: 'First half of 3 seconds. Second half of 3 seconds.',
      language: 'german',
      segments: [
        { startSec: 0, endSec: 1.5, text: 'First half of 3 seconds.' },
        { startSec: 1.5, endSec: 3, text: 'Second half of 3 seconds.' },
      ],
    });

    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request!.fields).toEqual({ model: 'whisper-1', response_format: 'verbose_json', temperature: '0', language: 'de' });
    expect(request!.files.file!.filename).toBe('audio.wav');
    expect(request!.files.file!.contentType).toBe('audio/wav');
    expect(request!.files.file!.data.equals(wav)).toBe(true);
  });

  it('lets a call override the language and sends none for "auto"', async () => {
    const { baseUrl, requests } = await serve(openai);
    const speech = provider(baseUrl, { language: 'auto', model: 'whisper-large-v3' });
    await speech.transcribe(makeWav(1));
    await speech.transcribe(makeWav(1), { language: 'de' });
    expect(requests.map((r) => r.fields.language)).toEqual([undefined, 'de']);
    expect(requests[0]!.fields.model).toBe('whisper-large-v3');
  });

  it('falls back to json for models without verbose_json and stays there', async () => {
    const { baseUrl, requests } = await serve(openai);
    const speech = provider(baseUrl, { model: 'gpt-4o-transcribe' });
    const transcript = await speech.transcribe(makeWav(2.5));
    expect(transcript).toEqual({
      text: 'First half of 2.5 seconds. Second half of 2.5 seconds.',
      segments: [{ startSec: 0, endSec: 2.5, text: 'First half of 2.5 seconds. Second half of 2.5 seconds.' }],
    });
    await speech.transcribe(makeWav(1));
    expect(requests.map((r) => r.fields.response_format)).toEqual(['verbose_json', 'json', 'json']);
  });

  it('reads LocalAI’s segment times, which are nanoseconds', async () => {
    const { baseUrl } = await serve((_, res) =>
      json(res, 200, {
        segments: [
          { id: 0, start: 0, end: 1_520_000_000, text: ' Hello there.', tokens: [50364, 2425] },
          { id: 1, start: 1_520_000_000, end: 3_000_000_000, text: ' General Kenobi.', tokens: [50440, 3332] },
        ],
        text: ' Hello there. General Kenobi.',
      }),
    );
    expect(await provider(baseUrl).transcribe(makeWav(3))).toEqual({
      text: 'Hello there. General Kenobi.',
      segments: [
        { startSec: 0, endSec: 1.52, text: 'Hello there.' },
        { startSec: 1.52, endSec: 3, text: 'General Kenobi.' },
      ],
    });
  });

  it('accepts a plain-text reply', async () => {
    const { baseUrl } = await serve((_, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(' Hello there.\n'));
    expect(await provider(baseUrl).transcribe(makeWav(2))).toEqual({
      text: 'Hello there.',
      segments: [{ startSec: 0, endSec: 2, text: 'Hello there.' }],
    });
  });

  it('reports a rejected key as unauthorized, without retrying or echoing the key', async () => {
    const { baseUrl, requests } = await serve(openai);
    const error = await failure(provider(baseUrl, { apiKey: 'sk-wrong-key-42' }).transcribe(makeWav(1)));
    expect(error.reason).toBe('unauthorized');
    expect(error.retryable).toBe(false);
    expect(error.code).toBe('provider_unavailable');
    expect(error.details).toEqual({ reason: 'unauthorized', status: 401 });
    expect(error.message).toBe(
      `OpenAI transcription request to ${baseUrl}/v1/audio/transcriptions failed: HTTP 401 Unauthorized: ` +
        'Incorrect API key provided: ***. You can find your API key at https://platform.openai.com/account/api-keys.',
    );
    expect(requests).toHaveLength(1);
  });

  it('treats 403 as unauthorized too', async () => {
    const { baseUrl } = await serve((_, res) => json(res, 403, { error: { message: 'Country, region, or territory not supported' } }));
    const error = await failure(provider(baseUrl).transcribe(makeWav(1)));
    expect([error.reason, error.retryable]).toEqual(['unauthorized', false]);
    expect(error.message).toMatch(/HTTP 403 Forbidden: Country, region, or territory not supported$/);
  });

  it('retries a 500 and then succeeds', async () => {
    const { baseUrl, requests } = await serve((_, res) => json(res, 500, { error: { message: 'The server had an error' } }), openai);
    const transcript = await provider(baseUrl).transcribe(makeWav(1));
    expect(transcript.segments).toHaveLength(2);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.files.file!.data.equals(makeWav(1))).toBe(true);
  });

  it('gives up on a persistent 500 with a retryable unavailable error', async () => {
    const { baseUrl, requests } = await serve((_, res) =>
      json(res, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } }),
    );
    const error = await failure(provider(baseUrl, {}, { ...fast, retries: 2 }).transcribe(makeWav(1)));
    expect([error.reason, error.retryable, error.httpStatus]).toEqual(['unavailable', true, 500]);
    expect(error.message).toBe(
      `OpenAI transcription request to ${baseUrl}/v1/audio/transcriptions failed: HTTP 500 Internal Server Error: ` +
        'The server had an error while processing your request. (3 attempts)',
    );
    expect(requests).toHaveLength(3);
  });

  it('treats 429 as retryable', async () => {
    const { baseUrl } = await serve((_, res) => json(res, 429, { error: { message: 'Rate limit reached for whisper-1' } }));
    const error = await failure(provider(baseUrl, {}, { ...fast, retries: 0 }).transcribe(makeWav(1)));
    expect([error.reason, error.retryable]).toEqual(['unavailable', true]);
    expect(error.message).toMatch(/HTTP 429 Too Many Requests: Rate limit reached for whisper-1$/);
  });

  it('rejects a refused request (bad audio) as not retryable', async () => {
    const { baseUrl, requests } = await serve(openai);
    const error = await failure(provider(baseUrl).transcribe(Buffer.from('not a wav file')));
    expect([error.reason, error.retryable, error.httpStatus]).toEqual(['rejected', false, 400]);
    expect(error.message).toMatch(/HTTP 400 Bad Request: Invalid file format\. Supported formats/);
    expect(requests).toHaveLength(1);
  });

  it('reports a refused connection as retryable unavailable', async () => {
    const { baseUrl } = await serve(openai);
    await closeAllServers();
    const error = await failure(provider(baseUrl, {}, { ...fast, retries: 1 }).transcribe(makeWav(1)));
    expect([error.reason, error.retryable]).toEqual(['unavailable', true]);
    expect(error.message).toBe(`OpenAI transcription request to ${baseUrl}/v1/audio/transcriptions failed: ECONNREFUSED (2 attempts)`);
  });

  it('rejects malformed JSON as bad_response', async () => {
    const { baseUrl, requests } = await serve((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"text": "hel'));
    const error = await failure(provider(baseUrl).transcribe(makeWav(1)));
    expect([error.reason, error.retryable]).toEqual(['bad_response', false]);
    expect(error.message).toBe(`OpenAI reply from ${baseUrl}/v1/audio/transcriptions is not valid JSON: {"text": "hel`);
    expect(requests).toHaveLength(1);
  });

  it('rejects JSON of the wrong shape as bad_response', async () => {
    const { baseUrl } = await serve((_, res) => json(res, 200, { transcript: 'hello', segments: [{ start: 'zero', text: 'hello' }] }));
    const error = await failure(provider(baseUrl).transcribe(makeWav(1)));
    expect(error.reason).toBe('bad_response');
    expect(error.message).toMatch(/has an unexpected shape:[\s\S]*text[\s\S]*segments/);
  });

  it('rejects an HTML page as bad_response', async () => {
    const { baseUrl } = await serve((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>'));
    const error = await failure(provider(baseUrl).transcribe(makeWav(1)));
    expect(error.reason).toBe('bad_response');
    expect(error.message).toMatch(/is neither JSON nor text \(content-type text\/html\): <html>captive portal/);
  });

  it('aborts mid-request with the caller’s reason and drops the connection', async () => {
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    let dropped!: () => void;
    const closed = new Promise<void>((resolve) => (dropped = resolve));
    const { baseUrl } = await serve((_, res) => {
      res.on('close', dropped);
      arrived(); // and never answer
    });
    const controller = new AbortController();
    const pending = provider(baseUrl).transcribe(makeWav(1), { signal: controller.signal });
    await received;
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await closed;
  });

  it('does not send anything when already aborted', async () => {
    const { baseUrl, requests } = await serve(openai);
    const error = await provider(baseUrl).transcribe(makeWav(1), { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(requests).toHaveLength(0);
  });

  it('times out a server that never answers, without retrying', async () => {
    const { baseUrl, requests } = await serve(() => {});
    const error = await failure(provider(baseUrl, {}, { ...fast, timeoutMs: 150 }).transcribe(makeWav(1)));
    expect([error.reason, error.retryable]).toEqual(['timeout', true]);
    expect(error.message).toBe(`OpenAI transcription request to ${baseUrl}/v1/audio/transcriptions failed: no reply within 150 ms`);
    expect(requests).toHaveLength(1);
  });

  it('close() aborts requests in flight', async () => {
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const { baseUrl } = await serve(() => arrived());
    const speech = provider(baseUrl);
    const pending = speech.transcribe(makeWav(1));
    await received;
    await speech.close?.();
    const error = await failure(pending);
    expect([error.reason, error.retryable]).toEqual(['unavailable', true]);
    expect(error.message).toMatch(/failed: the provider was closed$/);
  });

  it('defaults to the OpenAI API, which is remote', () => {
    const speech = createOpenAISpeechProvider({ provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'whisper-1' });
    expect(speech.id).toBe('openai:whisper-1@api.openai.com');
    expect(speech.isRemote).toBe(true);
    expect(createSpeechProvider({ provider: 'openai', apiKey: 'sk-x' })!.id).toBe('openai:whisper-1@api.openai.com');
  });
});
