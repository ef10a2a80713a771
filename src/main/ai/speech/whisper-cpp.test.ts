import { afterEach, describe, expect, it } from 'vitest';
import { SpeechError } from './errors';
import { createSpeechProvider } from './index';
import { closeAllServers, json, makeWav, serve, whisperCpp, type Handler } from './test-support';

afterEach(closeAllServers);

const fast = { retryDelayMs: 5 };
function provider(baseUrl: string, extra: object = {}, http: object = fast) {
  const p = createSpeechProvider({ provider: 'whisper-cpp', baseUrl, ...extra }, http);
  if (!p) throw new Error('expected a provider');
  return p;
}

describe('whisper.cpp speech provider', () => {
  it('posts file, response_format, temperature and language to /inference and reads verbose_json', async () => {
    const { baseUrl, requests } = await serve(whisperCpp);
    const wav = makeWav(3.7);
    const speech = provider(baseUrl, { language: 'auto' });
    expect(speech.id).toBe(`whisper-cpp@${new URL(baseUrl).host}`);
    expect(speech.isRemote).toBe(false);

    const transcript = await speech.transcribe(wav);
    // 1.85 s is 185 centiseconds * 0.01 = 1.8500000000000001 on the wire: times come back rounded to ms.
    expect(transcript).toEqual({
      text: 'First half of 3.7 seconds. Second half of 3.7 seconds.',
      language: 'english',
      segments: [
        { startSec: 0, endSec: 1.85, text: 'First half of 3.7 seconds.' },
        { startSec: 1.85, endSec: 3.7, text: 'Second half of 3.7 seconds.' },
      ],
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('/inference');
    expect(requests[0]!.fields).toEqual({ response_format: 'verbose_json', temperature: '0.0', language: 'auto' });
    expect(requests[0]!.files.file!.filename).toBe('audio.wav');
    expect(requests[0]!.files.file!.contentType).toBe('audio/wav');
    expect(requests[0]!.files.file!.data.equals(wav)).toBe(true);
  });

  it('leaves the language to the server unless configured or asked for', async () => {
    const { baseUrl, requests } = await serve(whisperCpp);
    const speech = provider(`${baseUrl}/inference/`);
    await speech.transcribe(makeWav(1));
    await speech.transcribe(makeWav(1), { language: 'nl' });
    expect(requests.map((r) => [r.url, r.fields.language])).toEqual([
      ['/inference', undefined],
      ['/inference', 'nl'],
    ]);
  });

  it('reads a server that answers plain json with one segment spanning the chunk', async () => {
    // Older servers fall through to {"text"} for formats they do not know.
    const oldServer: Handler = (exchange, res) => whisperCpp({ ...exchange, fields: { ...exchange.fields, response_format: 'json' } }, res, undefined as never);
    const { baseUrl } = await serve(oldServer);
    expect(await provider(baseUrl).transcribe(makeWav(4))).toEqual({
      text: 'First half of 4 seconds. Second half of 4 seconds.',
      segments: [{ startSec: 0, endSec: 4, text: 'First half of 4 seconds. Second half of 4 seconds.' }],
    });
  });

  it('reads verbose_json without timestamps (server started with --no-timestamps)', async () => {
    const { baseUrl } = await serve((_, res) =>
      json(res, 200, { task: 'transcribe', language: 'english', duration: 2, text: ' Hi.', segments: [{ id: 0, text: ' Hi.' }] }),
    );
    expect((await provider(baseUrl).transcribe(makeWav(2))).segments).toEqual([{ startSec: 0, endSec: 2, text: 'Hi.' }]);
  });

  it('reports the server’s error for audio it cannot read, without retrying', async () => {
    const { baseUrl, requests } = await serve(whisperCpp);
    const error = (await provider(baseUrl).transcribe(Buffer.from('RIFF....junk')).catch((e: unknown) => e)) as SpeechError;
    expect(error).toBeInstanceOf(SpeechError);
    expect([error.reason, error.retryable, error.httpStatus]).toEqual(['rejected', false, 400]);
    expect(error.message).toBe(`whisper.cpp transcription request to ${baseUrl}/inference failed: HTTP 400 Bad Request: failed to read audio data`);
    expect(requests).toHaveLength(1);
  });

  it('waits out a server that is still loading its model (503)', async () => {
    const loading: Handler = (_, res) => json(res, 503, { error: { message: 'Loading model', type: 'unavailable_error', code: 503 } });
    const { baseUrl, requests } = await serve(loading, loading, whisperCpp);
    const transcript = await provider(baseUrl, {}, { ...fast, retries: 2 }).transcribe(makeWav(1));
    expect(transcript.segments).toHaveLength(2);
    expect(requests).toHaveLength(3);
  });

  it('fails a 500 as retryable with the server’s message', async () => {
    const { baseUrl } = await serve((_, res) => json(res, 500, { error: 'failed to process audio' }));
    const error = (await provider(baseUrl, {}, { retries: 0 }).transcribe(makeWav(1)).catch((e: unknown) => e)) as SpeechError;
    expect([error.reason, error.retryable]).toEqual(['unavailable', true]);
    expect(error.message).toBe(`whisper.cpp transcription request to ${baseUrl}/inference failed: HTTP 500 Internal Server Error: failed to process audio`);
  });

  it('reports a server that is not running as retryable unavailable', async () => {
    const { baseUrl } = await serve(whisperCpp);
    await closeAllServers();
    const error = (await provider(baseUrl, {}, { retries: 0 }).transcribe(makeWav(1)).catch((e: unknown) => e)) as SpeechError;
    expect([error.reason, error.retryable, error.code]).toEqual(['unavailable', true, 'provider_unavailable']);
    expect(error.message).toBe(`whisper.cpp transcription request to ${baseUrl}/inference failed: ECONNREFUSED`);
  });

  it('rejects a truncated verbose_json as bad_response', async () => {
    const { baseUrl } = await serve((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"task":"transcribe","segm'));
    const error = (await provider(baseUrl).transcribe(makeWav(1)).catch((e: unknown) => e)) as SpeechError;
    expect([error.reason, error.retryable]).toEqual(['bad_response', false]);
  });

  it('counts a LAN server as remote', () => {
    expect(provider('http://192.168.1.20:8080').isRemote).toBe(true);
    expect(provider('http://localhost:8080').isRemote).toBe(false);
  });
});
