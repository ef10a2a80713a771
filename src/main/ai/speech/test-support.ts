/** Real HTTP servers speaking the providers' wire protocols, for the speech tests. */
import { wavFile } from '../../media/av/audio';
import { json, rejection, serveWith, type BaseExchange, type BodyReader, type ExchangeHandler } from '../test-server';
import { SpeechError } from './errors';
import { wavDurationSec } from './wav';

export { closeAllServers, json } from '../test-server';

export interface Part {
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** A received request with its multipart/form-data body parsed by hand, byte-exact. */
export interface Exchange extends BaseExchange {
  fields: Record<string, string>;
  files: Record<string, Part>;
}

export type Handler = ExchangeHandler<Exchange>;

/**
 * Parses multipart/form-data (RFC 7578) strictly: every part must have a name, the body must open with the
 * boundary and end with the closing one. Throws on anything malformed so a bad client request fails the test.
 */
export function parseMultipart(body: Buffer, contentType: string): { fields: Record<string, string>; files: Record<string, Part> } {
  const boundary = /^multipart\/form-data;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  if (!boundary) throw new Error(`not multipart/form-data: ${contentType}`);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const separator = Buffer.concat([Buffer.from('\r\n'), delimiter]);
  if (!body.subarray(0, delimiter.length).equals(delimiter)) throw new Error('body does not start with the boundary');

  const fields: Record<string, string> = {};
  const files: Record<string, Part> = {};
  let at = delimiter.length;
  for (;;) {
    const after = body.toString('latin1', at, at + 2);
    if (after === '--') break;
    if (after !== '\r\n') throw new Error(`unexpected bytes after a boundary at ${at}`);
    at += 2;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) throw new Error('part headers never end');
    const headers = new Map(
      body
        .toString('utf8', at, headerEnd)
        .split('\r\n')
        .map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
    );
    const end = body.indexOf(separator, headerEnd + 4);
    if (end < 0) throw new Error('part never ends');
    const data = body.subarray(headerEnd + 4, end);
    const disposition = headers.get('content-disposition') ?? '';
    const name = /;\s*name="([^"]*)"/.exec(disposition)?.[1];
    if (!disposition.startsWith('form-data') || name === undefined) throw new Error(`bad part: ${disposition}`);
    const filename = /;\s*filename="([^"]*)"/.exec(disposition)?.[1];
    if (filename !== undefined) files[name] = { filename, contentType: headers.get('content-type'), data: Buffer.from(data) };
    else fields[name] = data.toString('utf8');
    at = end + separator.length;
  }
  return { fields, files };
}

const multipartBody: BodyReader<Pick<Exchange, 'fields' | 'files'>> = {
  parse(body, req) {
    const contentType = req.headers['content-type'] ?? '';
    return contentType.startsWith('multipart/') ? parseMultipart(body, contentType) : { fields: {}, files: {} };
  },
  refuse: (res, error) => void res.writeHead(400, { 'content-type': 'text/plain' }).end(`test server: ${(error as Error).message}`),
};

/** A real HTTP server on 127.0.0.1; `handlers` answer successive requests, the last one repeats. */
export const serve = (...handlers: Handler[]) => serveWith(multipartBody, handlers);

/** The `SpeechError` a call rejects with. */
export const failure = (promise: Promise<unknown>) => rejection(promise, SpeechError);

/** A 16 kHz mono 16-bit PCM WAV: a 440 Hz tone, or digital silence. */
export function makeWav(seconds: number, { silent = false, sampleRate = 16_000 } = {}): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const pcm = Buffer.alloc(samples * 2);
  if (!silent) {
    for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  }
  return wavFile(pcm, sampleRate);
}

/** Stands in for the model: digital silence reads as whisper's `[BLANK_AUDIO]`, anything else as two phrases. */
export function fakeRecognise(wav: Buffer): { duration: number; phrases: { start: number; end: number; text: string }[] } | undefined {
  const duration = wavDurationSec(wav);
  if (duration === undefined) return undefined;
  const silent = wav.subarray(44).every((byte) => byte === 0);
  if (silent) return { duration, phrases: [{ start: 0, end: duration, text: ' [BLANK_AUDIO]' }] };
  const half = duration / 2;
  return {
    duration,
    phrases: [
      { start: 0, end: half, text: ` First half of ${duration} seconds.` },
      { start: half, end: duration, text: ` Second half of ${duration} seconds.` },
    ],
  };
}

/**
 * whisper.cpp's examples/server as its source answers: `/inference`, `{"error": "..."}` on bad input,
 * `json` by default, `text` as text/plain, `verbose_json` with centisecond times scaled by 0.01 (float noise
 * included) and per-segment extras the client must ignore.
 */
export const whisperCpp: Handler = ({ method, url, fields, files }, res) => {
  if (method !== 'POST' || url !== '/inference') return void res.writeHead(404).end();
  const file = files.file;
  if (!file) return json(res, 400, { error: "no 'file' field in the request" });
  const heard = fakeRecognise(file.data);
  if (!heard) return json(res, 400, { error: 'failed to read audio data' });
  const segments = heard.phrases.map((p, id) => ({
    id,
    text: p.text,
    start: Math.round(p.start * 100) * 0.01,
    end: Math.round(p.end * 100) * 0.01,
    tokens: [50364, 440, 2090],
    words: [{ word: p.text.trim().split(' ')[0], start: p.start, end: p.end, t_dtw: -1, probability: 0.9 }],
    temperature: Number(fields.temperature ?? 0),
    avg_logprob: -0.25,
    no_speech_prob: 0,
  }));
  const text = heard.phrases.map((p) => p.text).join('');
  switch (fields.response_format ?? 'json') {
    case 'text':
      return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    case 'verbose_json':
      return json(res, 200, {
        task: 'transcribe',
        language: fields.language && fields.language !== 'en' && fields.language !== 'auto' ? fields.language : 'english',
        duration: heard.duration,
        text,
        segments,
        detected_language: 'english',
        detected_language_probability: 0.97,
        language_probabilities: { en: 0.97 },
      });
    default:
      return json(res, 200, { text });
  }
};
