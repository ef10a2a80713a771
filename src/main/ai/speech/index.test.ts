import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngramError } from '../../../shared/errors';
import {
  cleanSegmentText,
  createSpeechProvider,
  parseSpeechConfig,
  SpeechConfig,
  SpeechError,
  transcribeChunks,
  transcriptToMarkdown,
  wavDurationSec,
  type SpeechProvider,
  type Transcript,
} from './index';
import { closeAllServers, makeWav, serve, whisperCpp } from './test-support';

afterEach(closeAllServers);

describe('speech config', () => {
  it('applies the OpenAI defaults', () => {
    expect(parseSpeechConfig({ provider: 'openai', apiKey: 'sk-1' })).toEqual({
      provider: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-1',
      model: 'whisper-1',
    });
    expect(parseSpeechConfig({ provider: 'whisper-cpp', baseUrl: 'http://127.0.0.1:8080', language: ' DE ' })).toEqual({
      provider: 'whisper-cpp',
      baseUrl: 'http://127.0.0.1:8080',
      language: 'de',
    });
  });

  it('gives null for no provider', () => {
    expect(createSpeechProvider({ provider: 'none' })).toBeNull();
  });

  it.each([
    [{ provider: 'whisper-cpp', baseUrl: 'not a url' }, 'baseUrl'],
    [{ provider: 'whisper-cpp', baseUrl: '127.0.0.1:8080' }, 'baseUrl'],
    [{ provider: 'whisper-cpp', baseUrl: 'ftp://127.0.0.1/' }, 'http:// or https://'],
    [{ provider: 'openai', baseUrl: 'https://user:secret@example.com/v1' }, 'user name or password'],
    [{ provider: 'whisper-cpp' }, 'baseUrl'],
    [{ provider: 'openai', model: '' }, 'model'],
    [{ provider: 'openai', language: 'english' }, 'language code'],
    [{ provider: 'deepgram' }, 'provider'],
  ])('rejects %j', (input, mention) => {
    expect(SpeechConfig.safeParse(input).success).toBe(false);
    let error: unknown;
    try {
      createSpeechProvider(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngramError);
    expect((error as EngramError).code).toBe('invalid_input');
    expect((error as EngramError).message).toMatch(/^Invalid speech-to-text settings:/);
    expect((error as EngramError).message).toContain(mention);
  });
});

describe('wavDurationSec', () => {
  it('reads hand-built and odd WAVs', () => {
    expect(wavDurationSec(makeWav(2.5))).toBe(2.5);
    expect(wavDurationSec(makeWav(1, { sampleRate: 8000 }))).toBe(1);
    const streamed = makeWav(1);
    streamed.writeUInt32LE(0xffffffff, 40); // placeholder size of a streamed WAV
    expect(wavDurationSec(streamed)).toBe(1);
    expect(wavDurationSec(Buffer.from('not a wav at all'))).toBeUndefined();
    expect(wavDurationSec(Buffer.alloc(0))).toBeUndefined();
  });

  it('reads a WAV written by espeak-ng', (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'engram-speech-'));
    try {
      const file = join(dir, 'hello.wav');
      try {
        execFileSync('espeak-ng', ['-w', file, 'hello world'], { stdio: 'ignore' });
      } catch {
        return ctx.skip();
      }
      const wav = readFileSync(file);
      const rate = wav.readUInt32LE(24);
      const dataBytes = wav.length - 44;
      expect(wavDurationSec(wav)).toBeCloseTo(dataBytes / (rate * 2), 6);
      expect(wavDurationSec(wav)).toBeGreaterThan(0.3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cleanSegmentText', () => {
  it.each([
    [' [BLANK_AUDIO]', ''],
    ['[ Silence ]', ''],
    ['(silence)', ''],
    ['(blank audio)', ''],
    ['[no speech]', ''],
    ['[ Pause ]', ''],
    ['*inaudible*', ''],
    ['  So [BLANK_AUDIO]  we begin. ', 'So we begin.'],
    ['The silence was loud.', 'The silence was loud.'],
    ['[Music]', '[Music]'],
  ])('%j → %j', (input, output) => expect(cleanSegmentText(input)).toBe(output));
});

describe('transcribeChunks', () => {
  it('stitches chunks from a whisper.cpp server: offsets, blank markers, progress, text', async () => {
    const { baseUrl, requests } = await serve(whisperCpp);
    const speech = createSpeechProvider({ provider: 'whisper-cpp', baseUrl })!;
    const chunks = [
      { startSec: 30, wav: makeWav(4) },
      { startSec: 0, wav: makeWav(3) },
      { startSec: 3, wav: makeWav(27, { silent: true }) },
    ];
    const progress: [number, number][] = [];
    const transcript = await transcribeChunks(speech, chunks, { onProgress: (done, total) => progress.push([done, total]) });

    expect(transcript.segments).toEqual([
      { startSec: 0, endSec: 1.5, text: 'First half of 3 seconds.' },
      { startSec: 1.5, endSec: 3, text: 'Second half of 3 seconds.' },
      { startSec: 30, endSec: 32, text: 'First half of 4 seconds.' },
      { startSec: 32, endSec: 34, text: 'Second half of 4 seconds.' },
    ]);
    expect(transcript.text).toBe('First half of 3 seconds. Second half of 3 seconds.\nFirst half of 4 seconds. Second half of 4 seconds.');
    expect(transcript.language).toBe('english');
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    // In time order, each chunk's own bytes.
    expect(requests.map((r) => r.files.file!.data.length)).toEqual([makeWav(3).length, makeWav(27).length, makeWav(4).length]);
  });

  it('passes the language on and keeps the language most chunks with speech report', async () => {
    const replies: Transcript[] = [
      { text: 'Hallo.', language: 'german', segments: [{ startSec: 0, endSec: 1, text: 'Hallo.' }] },
      { text: '[BLANK_AUDIO]', language: 'english', segments: [{ startSec: 0, endSec: 5, text: '[BLANK_AUDIO]' }] },
      { text: 'Hello.', language: 'english', segments: [{ startSec: 0, endSec: 1, text: 'Hello.' }] },
      { text: 'Tschüss.', language: 'german', segments: [] }, // a provider that gives no segments
    ];
    const languages: (string | undefined)[] = [];
    const scripted: SpeechProvider = {
      id: 'scripted',
      isRemote: false,
      transcribe: async (_wav, opts) => (languages.push(opts?.language), replies.shift()!),
    };
    const chunks = [0, 10, 20, 30].map((startSec) => ({ startSec, wav: makeWav(2) }));
    const transcript = await transcribeChunks(scripted, chunks, { language: 'de' });
    expect(languages).toEqual(['de', 'de', 'de', 'de']);
    expect(transcript).toEqual({
      text: 'Hallo.\nHello.\nTschüss.',
      language: 'german',
      segments: [
        { startSec: 0, endSec: 1, text: 'Hallo.' },
        { startSec: 20, endSec: 21, text: 'Hello.' },
        { startSec: 30, endSec: 32, text: 'Tschüss.' },
      ],
    });
  });

  it('stops between chunks when aborted and passes provider errors through', async () => {
    const { baseUrl, requests } = await serve(whisperCpp);
    const speech = createSpeechProvider({ provider: 'whisper-cpp', baseUrl })!;
    const controller = new AbortController();
    const chunks = [0, 5, 10].map((startSec) => ({ startSec, wav: makeWav(1) }));
    const reason = new Error('runner stopped');
    const pending = transcribeChunks(speech, chunks, { signal: controller.signal, onProgress: (done) => done === 1 && controller.abort(reason) });
    await expect(pending).rejects.toBe(reason);
    expect(requests).toHaveLength(1);

    const broken = [{ startSec: 0, wav: Buffer.from('garbage') }];
    await expect(transcribeChunks(speech, broken)).rejects.toBeInstanceOf(SpeechError);
  });

  it('gives an empty transcript for silence only', async () => {
    const { baseUrl } = await serve(whisperCpp);
    const speech = createSpeechProvider({ provider: 'whisper-cpp', baseUrl })!;
    expect(await transcribeChunks(speech, [{ startSec: 0, wav: makeWav(2, { silent: true }) }])).toEqual({ text: '', segments: [] });
  });
});

describe('transcriptToMarkdown', () => {
  it('puts a timestamp before every segment', () => {
    const transcript: Transcript = {
      text: '…',
      segments: [
        { startSec: 0, endSec: 1.5, text: 'Welcome back.' },
        { startSec: 65.9, endSec: 70, text: '# Not a heading, just speech.' },
        { startSec: 3599.2, endSec: 3601, text: 'Almost an hour in.' },
      ],
    };
    expect(transcriptToMarkdown(transcript)).toBe(
      '[00:00] Welcome back.\n\n[01:05] # Not a heading, just speech.\n\n[59:59] Almost an hour in.\n',
    );
  });

  it('adds hours once the recording passes the hour', () => {
    const transcript: Transcript = {
      text: '…',
      segments: [
        { startSec: 5, endSec: 6, text: 'Start.' },
        { startSec: 3723, endSec: 3725, text: 'Later.' },
      ],
    };
    expect(transcriptToMarkdown(transcript)).toBe('[0:00:05] Start.\n\n[1:02:03] Later.\n');
  });

  it('falls back to the text, or nothing', () => {
    expect(transcriptToMarkdown({ text: ' Just text. ', segments: [] })).toBe('Just text.\n');
    expect(transcriptToMarkdown({ text: '', segments: [] })).toBe('');
  });
});
