/**
 * Ask your memory: answers without a model (extractive, labelled) and from a model streaming over an
 * OpenAI-compatible API (a fake one started here), with citations that open their items, stored thumbs, and
 * the call showing in Settings → Usage.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeDTO } from '../../src/shared/schemas';
import { expect, indexed, test, unique } from './fixtures';

/** A fake model: lists one model, and streams an answer citing the source whose title has `cite` in it. */
async function fakeModel(cite: string, model = 'fake-e2e'): Promise<{ baseUrl: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', async () => {
      if (req.method === 'GET' && req.url?.startsWith('/v1/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'e2e' }] }));
      }
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/chat/completions')) return void res.writeHead(404).end();
      calls++;
      const body = JSON.parse(raw) as { messages: { role: string; content: string | { type: string; text?: string }[] }[] };
      const last = body.messages.filter((m) => m.role === 'user').at(-1)!;
      const prompt = typeof last.content === 'string' ? last.content : last.content.map((c) => c.text ?? '').join(' ');
      const n = [...prompt.matchAll(/^\[(\d+)\] (.*)$/gm)].find((m) => m[2]!.includes(cite))?.[1] ?? '1';
      const words = `The lamp is polished every Tuesday evening [${n}]. Nothing else is said about it.`.match(/\S+\s*/g)!;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: object, extra: object = {}) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
      for (const w of words) {
        res.write(chunk({ content: w }));
        await new Promise((r) => setTimeout(r, 150));
      }
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model, choices: [], usage: { prompt_tokens: 321, completion_tokens: words.length } })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls: () => calls,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

test('without a model: a labelled answer from the notes, whose citation opens the note; a thumbs up is kept', async ({ app, api }) => {
  await api.call('ai.providers.set', { task: 'chat', choice: { provider: 'none' } });
  const title = unique('Lighthouse log');
  // A word no other note has, so this note's sentence is the one the answer quotes.
  const metal = `orichalc${Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x')}`;
  const note = await api.call<NodeDTO>('notes.create', { title, body: `The keeper polishes the ${metal} lamp of the lighthouse every Tuesday evening.` });
  await indexed(api);

  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
  const box = app.getByRole('textbox', { name: 'Ask your memory' });
  await box.fill(`When does the keeper polish the ${metal} lamp?`);
  await box.press('Enter');

  const answer = app.getByRole('article', { name: 'Answer', exact: true });
  await expect(answer.getByText('Answered from your notes without a model')).toBeVisible();
  await expect(app).toHaveURL(/#\/chat\/[0-9a-f-]{36}$/);
  const chatUrl = app.url();
  const cite = answer.locator('.chat-answer-text').getByRole('button', { name: new RegExp(`^Source \\d+: ${title}$`) });
  await expect(cite).toBeVisible();

  await answer.getByRole('button', { name: 'Good answer' }).click();
  await expect(answer.getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await api.call<{ messages: { feedback: number | null }[] }>('chat.session', { id: chatUrl.split('/').pop() })).messages.at(-1)?.feedback).toBe(1);
  await app.reload();
  await expect(answer.getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true');

  await cite.click();
  await expect(app).toHaveURL(new RegExp(`#/notes/${note.id}$`));
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
});

test('with a model: the answer streams in, its [1] opens the note, and Usage shows the call', async ({ app, api }) => {
  const title = unique('Lamp room');
  const model = await fakeModel(title);
  try {
    await api.call('ai.providers.set', { task: 'chat', choice: { provider: 'openai', baseUrl: model.baseUrl, model: 'fake-e2e' } });
    // Only items whose AI use allows answers reach a model.
    const note = await api.call<NodeDTO>('notes.create', { title, body: 'The keeper polishes the brass lamp every Tuesday evening.', aiUsage: 'chat' });
    await indexed(api);

    await app.goto('/#/chat');
    const box = app.getByRole('textbox', { name: 'Ask your memory' });
    await box.fill('When is the brass lamp polished?');
    await box.press('Enter');

    const streaming = app.getByRole('article', { name: 'Answer being written' });
    await expect(streaming).toContainText('The lamp is polished');
    await expect(streaming).not.toContainText('Nothing else is said');
    const answer = app.getByRole('article', { name: 'Answer', exact: true });
    await expect(answer).toContainText('Nothing else is said about it.');
    await expect(streaming).toHaveCount(0);
    expect(model.calls()).toBe(1);
    await expect(answer).toContainText('fake-e2e via an OpenAI-compatible server');
    await expect(answer.getByText('Answered from your notes without a model')).toHaveCount(0);

    const cite = answer.locator('.chat-answer-text').getByRole('button', { name: new RegExp(`^Source \\d+: ${title}$`) });
    await expect(cite).toBeVisible();
    await cite.click();
    await expect(app).toHaveURL(new RegExp(`#/notes/${note.id}$`));

    await app.goto('/#/settings');
    const usage = app.getByRole('region', { name: 'Usage' });
    const row = usage.getByRole('row').filter({ hasText: 'Chat answers' }).filter({ hasText: 'fake-e2e' });
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  } finally {
    await api.call('ai.providers.set', { task: 'chat', choice: { provider: 'none' } });
    await model.close();
  }
});
