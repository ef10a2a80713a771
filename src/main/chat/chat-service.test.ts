/**
 * Chat over a real library, with the chat model behind a local server that speaks the OpenAI streaming
 * protocol and records every request body: cited answers, streaming, metering, follow-ups, the extractive
 * fallback, the honest "nothing", and the privacy rule that a node with AI use "none" never reaches a model.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import type { ChatMessageDTO } from '../../shared/chat-schemas';
import { closeAllServers, openaiChat, serve } from '../ai/llm/test-support';

const MARKER = 'ZEBRA-SECRET-42';

interface FakeModel {
  baseUrl: string;
  /** Every request body the model received, as sent. */
  bodies: string[];
}

/** A local server speaking OpenAI's streaming chat protocol (src/main/ai/llm/test-support.ts). */
async function fakeModel(tokens: string[]): Promise<FakeModel> {
  const server = await serve(openaiChat({ tokens, usage: { prompt_tokens: 120, completion_tokens: 30 } }));
  return {
    baseUrl: `${server.baseUrl}/v1`,
    get bodies() {
      return server.requests.map((r) => JSON.stringify(r.body));
    },
  };
}

let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let engine: Engine;

beforeEach(async () => {
  lib = await openTempLibrary({ detectOllama: async () => null });
  engine = lib.engine;
  engine.nodes.create({ title: 'Sourdough starter', body: 'Feed the sourdough starter every morning with rye flour and water. It doubles in six hours.', aiUsage: 'chat' });
  engine.nodes.create({ title: 'Bread day', body: 'Baked two sourdough loaves; the crust cracked nicely at 250 degrees.', aiUsage: 'train' });
  engine.nodes.create({ title: 'Private baking diary', body: `My secret sourdough ratio is ${MARKER}: never tell anyone about this starter.`, aiUsage: 'none' });
  engine.nodes.create({ title: 'Bicycle', body: 'Replaced the chain and brake pads on the bicycle.', aiUsage: 'chat' });
  await engine.indexed();
});
afterEach(async () => {
  await closeAllServers();
  await lib.cleanup();
});

async function useModel(tokens = ['Feed it every ', 'morning with ', 'rye flour [1].']) {
  const model = await fakeModel(tokens);
  await engine.ai.setChoice('chat', { provider: 'openai', baseUrl: model.baseUrl, apiKey: 'sk-test', model: 'test-model', pricing: { inputPerMTok: 1, outputPerMTok: 2 } });
  return model;
}

describe('without a chat model', () => {
  it('answers from the passages with an extractive summary, labelled as such', async () => {
    const a = await engine.chat.ask({ question: 'How often do I feed the sourdough starter?' });
    expect(a.mode).toBe('extractive');
    expect(a.content).toMatch(/No chat model is set up/);
    expect(a.content).toMatch(/every morning with rye flour and water\. \[1\]/);
    expect(a.citations[0]).toMatchObject({ title: 'Sourdough starter', kind: 'note' });
  });

  it('says honestly when nothing in the library is about the question', async () => {
    const a = await engine.chat.ask({ question: 'What did I learn about quantum chromodynamics?' });
    expect(a.mode).toBe('nothing');
    expect(a.content).toMatch(/Nothing in your library is about “quantum chromodynamics learn”|Nothing in your library is about/);
  });
});

describe('with a chat model', () => {
  it('streams a cited answer, stores the session and meters the call', async () => {
    await useModel();
    const tokens: string[] = [];
    engine.events.on('chat.token', (t) => tokens.push(t.text));
    const a = await engine.chat.ask({ question: 'How often do I feed the sourdough starter?' });
    expect(a.mode).toBe('llm');
    expect(a.content.startsWith('Feed it every morning with rye flour [1].')).toBe(true);
    expect(a.content).toMatch(/1 matching item was not used: AI use is off for it/); // the private diary
    expect(tokens.join('')).toBe('Feed it every morning with rye flour [1].');
    expect(tokens.length).toBeGreaterThan(1);
    expect(a.citations.map((c) => c.n)).toEqual([1]);
    const session = engine.chat.session(a.sessionId);
    expect(session.messages!.map((m) => m.role)).toEqual(['user', 'assistant']);
    const usage = engine.ai.metering.summary();
    expect(usage.byFeature[0]).toMatchObject({ feature: 'chat', inputTokens: 120, outputTokens: 30, calls: 1 });
    expect(usage.byFeature[0]!.costUsd).toBeCloseTo((120 * 1 + 30 * 2) / 1e6, 9);
  });

  it('never sends the text of a node whose AI use is "none", whatever is asked', async () => {
    const m = await useModel();
    const questions = [
      'What is my secret sourdough ratio?',
      `What does ${MARKER} mean?`,
      'Tell me everything in my private baking diary',
      'sourdough starter never tell anyone',
    ];
    let session: string | undefined;
    for (const question of questions) {
      const a: ChatMessageDTO = await engine.chat.ask({ question, sessionId: session });
      session = a.sessionId;
      expect(a.citations.map((c) => c.title)).not.toContain('Private baking diary');
    }
    expect(m.bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of m.bodies) {
      expect(body).not.toContain('My secret sourdough ratio is');
      expect(body).not.toContain('about this starter');
      expect(body).not.toContain('Private baking diary');
      // Only the owner's own questions may carry the marker: take them out, and no trace of it may remain.
      const sent = JSON.parse(body) as { messages: { role: string; content: string }[] };
      for (const msg of sent.messages) {
        const withoutQuestions = questions.reduce((text, q) => text.replaceAll(q, ''), msg.content);
        expect(withoutQuestions).not.toContain(MARKER);
      }
    }
  });

  it('refuses to show a model an attached item whose AI use is "none"', async () => {
    await useModel();
    const diary = engine.nodes.list({ limit: 10 }).items.find((n) => n.title === 'Private baking diary')!;
    await expect(engine.chat.ask({ question: 'What is in this?', attachment: { nodeId: diary.id } })).rejects.toThrow(/AI use set to "none"/);
    expect(engine.chat.sessions()).toEqual([]); // a failed ask leaves no half chat behind
  });

  it('says why the model was not used when every matching item is off limits to it', async () => {
    const m = await useModel();
    const a = await engine.chat.ask({ question: 'What is my secret ratio?' });
    expect(a.mode).toBe('extractive');
    expect(a.content).toMatch(/Your chat model was not used: AI use is set to "none" on every item that matches/);
    expect(m.bodies).toEqual([]);
  });

  it('starts a chat under the id the client chose, so streamed tokens can be matched from the first one', async () => {
    await useModel();
    const id = '0193d1a2-0000-7000-8000-00000000abcd';
    const seen: string[] = [];
    engine.events.on('chat.token', (t) => seen.push(t.sessionId));
    const a = await engine.chat.ask({ sessionId: id, question: 'How often do I feed the sourdough starter?' });
    expect(a.sessionId).toBe(id);
    expect(new Set(seen)).toEqual(new Set([id]));
    expect(engine.chat.session(id).messages).toHaveLength(2);
  });

  it('describes an attached photo with the vision model, then answers from the library with that description', async () => {
    const chat = await useModel(['That is your sourdough [1].']);
    const vision = await serve(openaiChat({ tokens: ['A loaf of sourdough bread with a cracked crust.'] }));
    await engine.ai.setChoice('vision', { provider: 'openai', baseUrl: `${vision.baseUrl}/v1`, model: 'eyes' });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const a = await engine.chat.ask({ question: 'What is this?', attachment: { imageBase64: png.toString('base64'), mime: 'image/png' } });
    expect(a.mode).toBe('llm');
    const seenByVision = JSON.stringify(vision.requests[0]!.body);
    expect(seenByVision).toContain('data:image/png;base64,');
    expect(seenByVision).not.toContain('starter'); // no library text goes to the describer
    const toChat = chat.bodies.at(-1)!;
    expect(toChat).toContain('A loaf of sourdough bread');
    expect(toChat).toContain('Bread day'); // retrieval used the description
    expect(toChat).not.toContain('data:image'); // the chat model gets words, not the photo
  });

  it('keeps the conversation for follow-ups', async () => {
    const m = await useModel();
    const first = await engine.chat.ask({ question: 'How often do I feed the sourdough starter?' });
    await engine.chat.ask({ question: 'And with what flour?', sessionId: first.sessionId });
    const second = JSON.parse(m.bodies.at(-1)!) as { messages: { role: string; content: string }[] };
    expect(second.messages.map((x) => x.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(second.messages.at(-1)!.content).toMatch(/rye flour/); // the follow-up found the starter note again
  });

  it('falls back to the extractive answer when the model is down, and says so', async () => {
    await useModel();
    await closeAllServers();
    const a = await engine.chat.ask({ question: 'How often do I feed the sourdough starter?' });
    expect(a.mode).toBe('extractive');
    expect(a.content).toMatch(/chat model failed/);
    expect(engine.ai.metering.summary().byFeature[0]).toMatchObject({ calls: 1 });
  });

  it('stores thumbs up and down', async () => {
    await useModel();
    const a = await engine.chat.ask({ question: 'How often do I feed the sourdough starter?' });
    expect(engine.chat.feedback(a.id, 1).feedback).toBe(1);
    expect(engine.chat.feedback(a.id, -1).feedback).toBe(-1);
    expect(() => engine.chat.feedback('00000000-0000-4000-8000-000000000000', 1)).toThrow(/does not exist/);
  });
});
