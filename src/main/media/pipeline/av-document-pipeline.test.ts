/**
 * Documents, audio and video through the pipeline on a real library: a PDF and a DOCX become searchable; a
 * recording made with espeak-ng waits for a speech model, then is transcribed through a local server that
 * speaks whisper.cpp's protocol; a video made with ffmpeg gets its length, time, poster and keyframes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useTempLibrary, tempDir } from '../../../../tests/helpers/temp-library';
import type { Engine } from '../../engine/engine';
import { ingestPaths } from '../ingest-paths';
import { mediaDetail } from '../detail';
import { makeDocx, makePdf } from '../documents/test-fixtures';
import { ffmpegPath } from '../av';
import { closeAllServers, serve, whisperCpp } from '../../ai/speech/test-support';

let engine: Engine;
useTempLibrary((e) => (engine = e));
const work = tempDir('engram-av-');
afterAll(async () => {
  await closeAllServers();
  fs.rmSync(work, { recursive: true, force: true });
});
beforeEach(() => engine.media.updateSettings({ steps: { ocr: false, vision: false, transcribe: true } }));

async function ingestOne(file: string) {
  const r = await ingestPaths(engine.media, [file], { source: 'cli' });
  expect(r.outcomes[0]!.status, JSON.stringify(r.outcomes[0])).toBe('added');
  return r.outcomes[0]!.nodeId!;
}

const hasEspeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe('documents', () => {
  it('makes a PDF and a DOCX searchable by their words', async () => {
    const pdf = path.join(work, 'harbour-report.pdf');
    fs.writeFileSync(pdf, makePdf([['Quarterly harbour report', 'The lighthouse keeper counted 412 seagulls.']], { title: 'Harbour report' }));
    const docx = path.join(work, 'recipe.docx');
    fs.writeFileSync(docx, makeDocx([{ text: 'Grandmother cardamom buns', style: 'Heading1' }, { text: 'Knead the dough for ten minutes.' }]));
    const pdfId = await ingestOne(pdf);
    const docxId = await ingestOne(docx);
    await engine.media.drain();
    await engine.indexed();
    expect(mediaDetail(engine, pdfId).state).toBe('done');
    expect(engine.nodes.get(pdfId).title).toBe('Harbour report');
    const seagulls = await engine.search.search({ query: 'seagulls lighthouse', limit: 5, mode: 'keyword' });
    expect(seagulls.hits[0]?.node.id).toBe(pdfId);
    const buns = await engine.search.search({ query: 'cardamom', limit: 5, mode: 'keyword' });
    expect(buns.hits[0]?.node.id).toBe(docxId);
  });
});

describe.skipIf(!hasEspeak)('a voice recording', () => {
  it('is kept with its transcription waiting until a speech model is chosen, then transcribed', async () => {
    const wav = path.join(work, 'memo.wav');
    execFileSync('espeak-ng', ['-w', wav, 'Remember to water the tomatoes on Thursday']);
    const id = await ingestOne(wav);
    await engine.media.drain();
    const waiting = mediaDetail(engine, id);
    expect(waiting.mediaKind).toBe('audio');
    expect(waiting.state).toBe('waiting');
    expect(waiting.durationSec).toBeGreaterThan(1);
    const transcribe = waiting.steps.find((s) => s.step === 'av.transcribe')!;
    expect(transcribe.status).toBe('waiting');
    expect(transcribe.error).toMatch(/speech model/);

    const server = await serve(whisperCpp);
    await engine.media.setSpeech({ provider: 'whisper-cpp', baseUrl: server.baseUrl });
    await engine.media.drain();
    const done = mediaDetail(engine, id);
    expect(done.state).toBe('done');
    // The local server heard one 16 kHz mono WAV chunk, as whisper.cpp expects.
    const sent = server.requests.at(-1)!.files.file!.data;
    expect(sent.readUInt32LE(24)).toBe(16_000);
    expect(sent.readUInt16LE(22)).toBe(1);
    expect(done.facts.transcript?.segments.length).toBeGreaterThan(0);
    await engine.indexed();
    const hits = await engine.search.search({ query: 'first half seconds', limit: 5, mode: 'keyword' });
    expect(hits.hits.map((h) => h.node.id)).toContain(id);
  });

  it('fails with the server’s reason when the key is refused, and a retry after fixing it succeeds', async () => {
    const wav = path.join(work, 'retry.wav');
    execFileSync('espeak-ng', ['-w', wav, 'Call the plumber']);
    const refusing = await serve((_exchange, res) => void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid api key' })));
    await engine.media.setSpeech({ provider: 'whisper-cpp', baseUrl: refusing.baseUrl });
    const id = await ingestOne(wav);
    await engine.media.drain();
    const failed = mediaDetail(engine, id).steps.find((s) => s.step === 'av.transcribe')!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/401|invalid api key/);

    const working = await serve(whisperCpp);
    await engine.media.setSpeech({ provider: 'whisper-cpp', baseUrl: working.baseUrl });
    engine.media.retry(failed.jobId);
    await engine.media.drain();
    expect(mediaDetail(engine, id).state).toBe('done');
  });

  it('is not sent to a remote provider when its AI use is "none"', async () => {
    const wav = path.join(work, 'private.wav');
    execFileSync('espeak-ng', ['-w', wav, 'This stays on my machine']);
    await engine.media.setSpeech({ provider: 'openai', baseUrl: 'http://10.255.255.1:9/v1', apiKey: 'k', model: 'whisper-1' });
    const id = await ingestOne(wav);
    await engine.media.drain();
    const step = mediaDetail(engine, id).steps.find((s) => s.step === 'av.transcribe')!;
    expect(step.status).toBe('failed');
    expect(step.error).toMatch(/AI use is "none"/);
  });
});

describe('a video', () => {
  it('gets its length, recording time, poster, keyframes and transcript', async () => {
    const video = path.join(work, 'clip.mp4');
    execFileSync(ffmpegPath(), [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=10',
      '-f', 'lavfi', '-i', 'smptebars=duration=2:size=320x240:rate=10',
      '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4',
      '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]', '-map', '[v]', '-map', '2:a',
      '-metadata', 'creation_time=2023-05-04T10:20:30Z', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', video,
    ]);
    const server = await serve(whisperCpp);
    await engine.media.setSpeech({ provider: 'whisper-cpp', baseUrl: server.baseUrl });
    const id = await ingestOne(video);
    await engine.media.drain();
    const d = mediaDetail(engine, id);
    expect(d.mediaKind).toBe('video');
    expect(d.steps.map((s) => [s.step, s.status])).toEqual([
      ['av.probe', 'done'],
      ['av.transcribe', 'done'],
      ['video.frames', 'done'],
    ]);
    expect(d.durationSec).toBeCloseTo(4, 0);
    expect(d.width).toBe(320);
    expect(d.node.eventTime).toMatchObject({ at: '2023-05-04T10:20:30.000Z', source: 'container' });
    const roles = d.blobs.map((b) => b.role);
    expect(roles).toEqual(expect.arrayContaining(['original', 'poster', 'thumbnail', 'keyframe:0', 'keyframe:1']));
    expect(d.facts.transcript?.text).toMatch(/half/);
  });

  it('treats a sound-only WebM (a browser voice recording) as audio', async () => {
    const webm = path.join(work, 'voice.webm');
    execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=2', '-c:a', 'libopus', webm]);
    const id = await ingestOne(webm);
    expect(engine.nodes.get(id).kind).toBe('video'); // what its container says, until the probe looks inside
    await engine.media.drain();
    const d = mediaDetail(engine, id);
    expect(d.node.kind).toBe('audio');
    expect(d.mediaKind).toBe('audio');
    expect(d.steps.map((s) => s.step)).not.toContain('video.frames');
    expect(d.state).not.toBe('failed');
  });

  it('fails the probe of a file that only looks like a video, with the reason', async () => {
    const fake = path.join(work, 'broken.mp4');
    const real = path.join(work, 'real.mp4');
    execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=1:size=160x120:rate=5', '-pix_fmt', 'yuv420p', real]);
    fs.writeFileSync(fake, fs.readFileSync(real).subarray(0, 600));
    const id = await ingestOne(fake);
    await engine.media.drain();
    const d = mediaDetail(engine, id);
    expect(d.state).toBe('failed');
    expect(d.steps.find((s) => s.step === 'av.probe')!.error).toMatch(/\w+/);
  });

  it('refuses a recording longer than the limit, saying where to change it', async () => {
    const long = path.join(work, 'long.wav');
    execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '130', long]);
    engine.media.updateSettings({ maxVideoMinutes: 2 });
    const id = await ingestOne(long);
    await engine.media.drain();
    const probe = mediaDetail(engine, id).steps.find((s) => s.step === 'av.probe')!;
    expect(probe.status).toBe('failed');
    expect(probe.error).toMatch(/limit|long/i);
  });
});
