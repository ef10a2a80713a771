import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  decideAfterFailure,
  nextChunk,
  planUpload,
  spreadProgress,
  summariseOutcomes,
  UploadCancelled,
  uploadFiles,
  UploadHttpError,
  UploadNetworkError,
  type Transport,
  type TransportRequest,
} from './upload-client';

const MB = 1024 * 1024;
const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };

describe('planUpload', () => {
  it('puts runs of small files in batches and gives each large file a resumable session, in order', () => {
    const limits = { resumableOverBytes: 10, batchMaxBytes: 12, batchMaxFiles: 3 };
    expect(planUpload([1, 2, 3, 4, 11, 5, 10, 6], limits)).toEqual([
      { kind: 'batch', files: [0, 1, 2] }, // three files: the count limit
      { kind: 'batch', files: [3] },
      { kind: 'resumable', file: 4 },
      { kind: 'batch', files: [5] }, // 5 + 10 would pass 12 bytes
      { kind: 'batch', files: [6] },
      { kind: 'batch', files: [7] },
    ]);
  });

  it('uses resumable sessions only above 10 MB by default, and plans nothing for no files', () => {
    expect(planUpload([10 * MB, 10 * MB + 1])).toEqual([
      { kind: 'batch', files: [0] },
      { kind: 'resumable', file: 1 },
    ]);
    expect(planUpload([])).toEqual([]);
  });

  it('sends an empty file in a batch (the server says what is wrong with it)', () => {
    expect(planUpload([0, 0])).toEqual([{ kind: 'batch', files: [0, 1] }]);
  });
});

describe('nextChunk', () => {
  it('walks a file in chunks from what the server has, and stops at the end', () => {
    expect(nextChunk(20, 0, 8)).toEqual({ start: 0, end: 8 });
    expect(nextChunk(20, 16, 8)).toEqual({ start: 16, end: 20 });
    expect(nextChunk(20, 20, 8)).toBeNull();
    expect(nextChunk(20, 25, 8)).toBeNull();
  });

  it('resumes mid-chunk from the received offset the server reports', () => {
    expect(nextChunk(100, 13, 8)).toEqual({ start: 13, end: 21 });
  });
});

describe('decideAfterFailure', () => {
  it('resumes at once from the offset a 409 carries', () => {
    const conflict = new UploadHttpError(409, 'conflict', 'send from 40', { received: 40 });
    expect(decideAfterFailure(conflict, 0, policy)).toEqual({ action: 'retry', delayMs: 0, resumeFrom: 40 });
  });

  it('waits longer each time after a dropped connection or a transient status, and asks the server where it is', () => {
    const net = new UploadNetworkError('reset');
    expect(decideAfterFailure(net, 0, policy)).toEqual({ action: 'retry', delayMs: 100, resumeFrom: 'ask' });
    expect(decideAfterFailure(net, 2, policy)).toEqual({ action: 'retry', delayMs: 400, resumeFrom: 'ask' });
    expect(decideAfterFailure(new UploadHttpError(503, 'provider_unavailable', 'busy'), 1, policy)).toMatchObject({ action: 'retry', delayMs: 200 });
    expect(decideAfterFailure(new UploadHttpError(429, 'rate_limited', 'slow down'), 0, policy)).toMatchObject({ action: 'retry' });
  });

  it('gives up after the retries, with a message that says so', () => {
    const d = decideAfterFailure(new UploadNetworkError('reset'), 3, policy);
    expect(d).toMatchObject({ action: 'fail' });
    expect((d as { message: string }).message).toMatch(/kept failing \(3 tries\)/);
    expect(decideAfterFailure(new UploadHttpError(409, 'conflict', 'x', { received: 1 }), 3, policy)).toMatchObject({ action: 'fail' });
  });

  it('does not retry what will not change: a bad request, a lost session; and stops on abort', () => {
    expect(decideAfterFailure(new UploadHttpError(400, 'invalid_input', 'bad meta'), 0, policy)).toEqual({ action: 'fail', message: 'bad meta' });
    expect(decideAfterFailure(new UploadHttpError(404, 'not_found', 'Upload x does not exist'), 0, policy)).toMatchObject({
      action: 'fail',
      message: expect.stringMatching(/no longer has this upload/),
    });
    expect(decideAfterFailure(Object.assign(new Error('x'), { name: 'AbortError' }), 0, policy)).toEqual({ action: 'abort' });
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffMs(a, 500, 4000))).toEqual([500, 1000, 2000, 4000, 4000]);
  });
});

describe('spreadProgress', () => {
  it('fills the files of a batch in order', () => {
    expect(spreadProgress(0, [10, 20, 30])).toEqual([0, 0, 0]);
    expect(spreadProgress(0.5, [10, 20, 30])).toEqual([10, 20, 0]);
    expect(spreadProgress(1, [10, 20, 30])).toEqual([10, 20, 30]);
    expect(spreadProgress(2, [10])).toEqual([10]);
  });
});

describe('summariseOutcomes', () => {
  it('counts each status', () => {
    expect(
      summariseOutcomes([
        { file: 'a', status: 'added' },
        { file: 'b', status: 'duplicate' },
        { file: 'c', status: 'rejected', reason: 'x' },
        { file: 'd', status: 'added' },
      ]),
    ).toMatchObject({ added: 2, duplicates: 1, rejected: 1, skipped: 0 });
  });
});

/**
 * An in-memory server speaking the resumable protocol, with hooks to drop answers: enough to drive the
 * uploader's decisions without a network (the real server is exercised in upload-client.http.test.ts).
 */
function fakeServer(hooks: { beforeAnswer?: (req: TransportRequest, n: number) => 'drop' | 'lose-answer' | void } = {}) {
  const sessions = new Map<string, { size: number; received: number }>();
  const log: string[] = [];
  let n = 0;
  const answer = (status: number, body: unknown) => ({ status, body });
  const transport: Transport = async (req) => {
    if (req.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    const url = new URL(req.url, 'http://x');
    const hook = hooks.beforeAnswer?.(req, n++);
    log.push(`${req.method} ${url.pathname}${url.search}${hook ? ` (${hook})` : ''}`);
    if (hook === 'drop') throw new UploadNetworkError('reset');
    let res;
    const id = url.pathname.split('/')[4];
    const session = id ? sessions.get(id) : undefined;
    if (req.method === 'POST' && url.pathname === '/api/v1/upload') {
      const form = req.body as FormData;
      res = answer(200, summariseOutcomes(form.getAll('file').map((f) => ({ file: (f as File).name, status: 'added' as const }))));
    } else if (req.method === 'POST' && url.pathname === '/api/v1/uploads') {
      const { size } = JSON.parse(req.body as string) as { size: number };
      const sid = `s${sessions.size + 1}`;
      sessions.set(sid, { size, received: 0 });
      res = answer(200, { id: sid, size, received: 0, chunkBytes: 4 });
    } else if (!session) {
      res = answer(404, { error: { code: 'not_found', message: 'Upload does not exist' } });
    } else if (req.method === 'PUT') {
      const offset = Number(url.searchParams.get('offset'));
      if (offset > session.received) res = answer(409, { error: { code: 'conflict', message: 'gap', details: { received: session.received } } });
      else {
        session.received = Math.max(session.received, offset + (req.body as Blob).size);
        res = answer(200, { received: session.received });
      }
    } else if (req.method === 'GET') res = answer(200, { id, ...session, chunkBytes: 4 });
    else if (req.method === 'DELETE') {
      sessions.delete(id!);
      res = answer(200, { removed: true });
    } else {
      sessions.delete(id!);
      res = answer(200, { file: 'big.bin', status: 'added', nodeId: 'n1' });
    }
    if (hook === 'lose-answer') throw new UploadNetworkError('reset after the server acted');
    return res;
  };
  return { transport, log, sessions };
}

const file = (name: string, size: number) => new File([new Uint8Array(size).fill(7)], name);
const fast = { sleep: async () => undefined, limits: { resumableOverBytes: 8, batchMaxBytes: 100, batchMaxFiles: 10 } };

describe('uploadFiles against a fake server', () => {
  it('asks where the server is after a dropped chunk, and carries on from there', async () => {
    const server = fakeServer({ beforeAnswer: (req, n) => (req.method === 'PUT' && n === 2 ? 'lose-answer' : undefined) });
    const progress: number[] = [];
    const summary = await uploadFiles([file('big.bin', 10)], {
      baseUrl: '',
      apiKey: 'k',
      transport: server.transport,
      ...fast,
      onProgress: (p) => progress.push(p.sentBytes),
    });
    expect(summary).toMatchObject({ added: 1 });
    expect(server.log).toEqual([
      'POST /api/v1/uploads',
      'PUT /api/v1/uploads/s1?offset=0',
      'PUT /api/v1/uploads/s1?offset=4 (lose-answer)',
      'GET /api/v1/uploads/s1',
      'PUT /api/v1/uploads/s1?offset=8',
      'POST /api/v1/uploads/s1/complete',
    ]);
    expect(progress.at(-1)).toBe(10);
  });

  it('gives a file up after repeated failures, removes its session, and goes on with the rest', async () => {
    const server = fakeServer({ beforeAnswer: (req) => (req.method === 'PUT' ? 'drop' : undefined) });
    const summary = await uploadFiles([file('big.bin', 10), file('small.txt', 3)], {
      baseUrl: '',
      apiKey: 'k',
      transport: server.transport,
      ...fast,
      retry: { retries: 2 },
    });
    expect(summary.outcomes).toEqual([
      { file: 'big.bin', status: 'rejected', reason: expect.stringMatching(/kept failing/) },
      { file: 'small.txt', status: 'added' },
    ]);
    expect(server.log.filter((l) => l.startsWith('PUT'))).toHaveLength(3);
    expect(server.sessions.size).toBe(0);
  });

  it('says the outcome is unknown when completing lost its answer and the session is gone', async () => {
    let completes = 0;
    const server = fakeServer({ beforeAnswer: (req) => (req.url.endsWith('/complete') && completes++ === 0 ? 'lose-answer' : undefined) });
    const summary = await uploadFiles([file('big.bin', 9)], { baseUrl: '', apiKey: 'k', transport: server.transport, ...fast });
    expect(summary.outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/whether it was added is not known/) });
  });

  it('stops on cancel with what was done so far, and removes the open session', async () => {
    const controller = new AbortController();
    const server = fakeServer({ beforeAnswer: (req) => void (req.method === 'PUT' && controller.abort()) });
    const run = uploadFiles([file('a.txt', 2), file('big.bin', 12)], {
      baseUrl: '',
      apiKey: 'k',
      transport: server.transport,
      signal: controller.signal,
      ...fast,
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadCancelled);
    expect((error as UploadCancelled).partial).toMatchObject({ added: 1, outcomes: [{ file: 'a.txt' }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(server.sessions.size).toBe(0);
  });

  it('sends each file with its meta before it, and the caller’s meta for all', async () => {
    const bodies: FormData[] = [];
    const server = fakeServer({ beforeAnswer: (req) => void (req.body instanceof FormData && bodies.push(req.body)) });
    await uploadFiles([new File(['x'], 'one.txt', { lastModified: 1000 }), new File(['y'], 'two.txt', { lastModified: 2000 })], {
      baseUrl: 'http://h/',
      apiKey: 'k',
      transport: server.transport,
      meta: { eventTime: '2024-01-02T03:04:05Z' },
    });
    const metas = bodies[0]!.getAll('meta').map((m) => JSON.parse(m as string) as Record<string, unknown>);
    expect(metas).toEqual([
      expect.objectContaining({ lastModified: 1000, eventTime: '2024-01-02T03:04:05Z', clientOffsetMinutes: expect.any(Number) }),
      expect.objectContaining({ lastModified: 2000, eventTime: '2024-01-02T03:04:05Z' }),
    ]);
  });
});
