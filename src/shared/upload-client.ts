/**
 * Uploading files to `engram serve`: files up to 10 MB go in multipart batches (`POST /api/v1/upload`, a `meta`
 * field before each `file` part); larger ones through resumable sessions (`/api/v1/uploads`) sent in the
 * server's chunk size, which carry on from what the server says it has after a dropped connection.
 *
 * The HTTP transport is injected: XMLHttpRequest in the browser (the only API that reports upload progress),
 * fetch in Node (tests, scripts). The planning and the decisions after a failure are pure functions, tested
 * on their own.
 */
import type { ImportMeta, UploadProgress } from './client';
import type { IngestOutcome, IngestSummary } from './media-schemas';

/** Files larger than this use a resumable session. */
export const RESUMABLE_OVER_BYTES = 10 * 1024 * 1024;
/** One multipart request carries at most this much… */
export const BATCH_MAX_BYTES = 24 * 1024 * 1024;
/** …and at most this many files, so one failed request costs little to send again. */
export const BATCH_MAX_FILES = 20;
export const DEFAULT_RETRIES = 5;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

// ---- Transport ----

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: FormData | Blob | string;
  signal?: AbortSignal;
  /** Bytes of the body sent so far (XMLHttpRequest reports as it goes; fetch only at the end). */
  onUploadProgress?: (loaded: number, total: number) => void;
}

export interface TransportResponse {
  status: number;
  /** The parsed JSON body, or null. */
  body: unknown;
}

/** Resolves with any HTTP answer; rejects with `UploadNetworkError` when there was none, `AbortError` on abort. */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

/** No answer from the server: the connection failed or dropped. */
export class UploadNetworkError extends Error {
  override readonly name = 'UploadNetworkError';
}

/** The server answered with an error (`{ error: { code, message, details } }`). */
export class UploadHttpError extends Error {
  override readonly name = 'UploadHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The user cancelled; `partial` holds what was done before. */
export class UploadCancelled extends Error {
  override readonly name = 'AbortError';
  constructor(readonly partial: IngestSummary) {
    super('The import was cancelled');
  }
}

export const isAbortError = (error: unknown): boolean => (error as { name?: string } | null)?.name === 'AbortError';

function abortError(): Error {
  return Object.assign(new Error('The upload was cancelled'), { name: 'AbortError' });
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The browser transport, with upload progress. */
export const xhrTransport: Transport = (req) =>
  new Promise((resolve, reject) => {
    if (req.signal?.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    xhr.open(req.method, req.url);
    for (const [name, value] of Object.entries(req.headers)) xhr.setRequestHeader(name, value);
    const onAbort = () => xhr.abort();
    const done = () => req.signal?.removeEventListener('abort', onAbort);
    if (req.onUploadProgress) {
      const report = req.onUploadProgress;
      xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : 0);
    }
    xhr.onload = () => (done(), resolve({ status: xhr.status, body: parseJson(xhr.responseText) }));
    xhr.onerror = () => (done(), reject(new UploadNetworkError('The connection to the server failed')));
    xhr.ontimeout = () => (done(), reject(new UploadNetworkError('The server took too long to answer')));
    xhr.onabort = () => (done(), reject(abortError()));
    req.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(req.body ?? null);
  });

/** fetch as a transport (Node, or a browser without XMLHttpRequest): progress only once a request is done. */
export function fetchTransport(fetchImpl: typeof fetch = fetch): Transport {
  return async (req) => {
    let res: Response;
    try {
      res = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: req.body, signal: req.signal });
    } catch (error) {
      if (isAbortError(error) || req.signal?.aborted) throw abortError();
      throw new UploadNetworkError(`The connection to the server failed: ${(error as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    const size = req.body instanceof Blob ? req.body.size : 0;
    req.onUploadProgress?.(size, size);
    return { status: res.status, body: parseJson(text) };
  };
}

export const defaultTransport = (): Transport => (typeof XMLHttpRequest === 'function' ? xhrTransport : fetchTransport());

// ---- Pure planning ----

export interface UploadLimits {
  resumableOverBytes: number;
  batchMaxBytes: number;
  batchMaxFiles: number;
}

export const DEFAULT_LIMITS: UploadLimits = { resumableOverBytes: RESUMABLE_OVER_BYTES, batchMaxBytes: BATCH_MAX_BYTES, batchMaxFiles: BATCH_MAX_FILES };

export type UploadTask = { kind: 'batch'; files: number[] } | { kind: 'resumable'; file: number };

/**
 * The requests for files of these sizes, in the files' order: runs of small files share multipart batches
 * (within the byte and count limits); each large file gets a resumable session.
 */
export function planUpload(sizes: number[], limits: UploadLimits = DEFAULT_LIMITS): UploadTask[] {
  const tasks: UploadTask[] = [];
  let batch: number[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length) tasks.push({ kind: 'batch', files: batch });
    batch = [];
    batchBytes = 0;
  };
  sizes.forEach((size, i) => {
    if (size > limits.resumableOverBytes) {
      flush();
      tasks.push({ kind: 'resumable', file: i });
      return;
    }
    if (batch.length && (batch.length >= limits.batchMaxFiles || batchBytes + size > limits.batchMaxBytes)) flush();
    batch.push(i);
    batchBytes += size;
  });
  flush();
  return tasks;
}

/** The next chunk to send, `[start, end)`, or null when the server has every byte. */
export function nextChunk(size: number, received: number, chunkBytes: number): { start: number; end: number } | null {
  if (received >= size) return null;
  const start = Math.max(0, received);
  return { start, end: Math.min(size, start + Math.max(1, chunkBytes)) };
}

/** Exponential backoff with a ceiling: 0.5 s, 1 s, 2 s, 4 s… */
export function backoffMs(attempt: number, baseMs = BASE_DELAY_MS, maxMs = MAX_DELAY_MS): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type FailureDecision =
  | { action: 'abort' }
  | { action: 'fail'; message: string }
  /** Try again after `delayMs`, from `resumeFrom` bytes, or after asking the server how much it has. */
  | { action: 'retry'; delayMs: number; resumeFrom: number | 'ask' };

/** Statuses worth trying again: a timeout, too many requests, a server that is restarting or overloaded. */
const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/**
 * What to do after a request of a resumable upload failed, `attempt` (from 0) failures in a row. A 409 says
 * where the server is, so it is retried at once from there; a dropped connection or a transient status waits
 * and asks; anything else is final.
 */
export function decideAfterFailure(error: unknown, attempt: number, policy: RetryPolicy): FailureDecision {
  if (isAbortError(error)) return { action: 'abort' };
  const exhausted = attempt >= policy.retries;
  if (error instanceof UploadHttpError) {
    const received = (error.details as { received?: unknown } | undefined)?.received;
    if (error.status === 409 && typeof received === 'number' && !exhausted) return { action: 'retry', delayMs: 0, resumeFrom: received };
    if (TRANSIENT.has(error.status) && !exhausted) return { action: 'retry', delayMs: backoffMs(attempt, policy.baseDelayMs, policy.maxDelayMs), resumeFrom: 'ask' };
    if (error.status === 404) return { action: 'fail', message: 'The server no longer has this upload (it was removed or expired). Add the file again.' };
    return { action: 'fail', message: error.message };
  }
  if (error instanceof UploadNetworkError) {
    if (!exhausted) return { action: 'retry', delayMs: backoffMs(attempt, policy.baseDelayMs, policy.maxDelayMs), resumeFrom: 'ask' };
    return { action: 'fail', message: `The connection to the server kept failing (${attempt} tries). Add the file again when it is back.` };
  }
  return { action: 'fail', message: (error as Error)?.message || 'The upload failed' };
}

/**
 * How much of each file of a multipart batch is sent when `fraction` of the request is: the parts go in
 * order, so earlier files fill first.
 */
export function spreadProgress(fraction: number, sizes: number[]): number[] {
  let left = Math.max(0, Math.min(1, fraction)) * sizes.reduce((s, n) => s + n, 0);
  return sizes.map((size) => {
    const sent = Math.min(size, left);
    left -= sent;
    return Math.round(sent);
  });
}

export function summariseOutcomes(outcomes: IngestOutcome[]): IngestSummary {
  const count = (status: IngestOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  return { added: count('added'), duplicates: count('duplicate'), rejected: count('rejected'), skipped: count('skipped'), outcomes };
}

// ---- The uploader ----

export interface UploadOptions {
  /** Where `engram serve` is: '' for the page's own origin. */
  baseUrl: string;
  apiKey: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Said about every file (event time, privacy); `lastModified` and the client's UTC offset are added. */
  meta?: ImportMeta;
  transport?: Transport;
  limits?: UploadLimits;
  /** Sends resumable chunks no larger than this, even if the server takes more (tests, slow links). */
  maxChunkBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Waits between retries; replaced in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface SessionDTO {
  id: string;
  size: number;
  received: number;
  chunkBytes: number;
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(abortError()));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function httpError(res: TransportResponse): UploadHttpError {
  const err = (res.body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new UploadHttpError(res.status, err?.code ?? 'internal', err?.message ?? `The server answered ${res.status}`, err?.details);
}

const rejected = (file: string, reason: string): IngestOutcome => ({ file, status: 'rejected', reason });

/** Uploads `files` and resolves to what became of each, in their order. Rejects with `UploadCancelled` on abort. */
export async function uploadFiles(files: File[], opts: UploadOptions): Promise<IngestSummary> {
  const transport = opts.transport ?? defaultTransport();
  const policy: RetryPolicy = { retries: DEFAULT_RETRIES, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS, ...opts.retry };
  const sleep = opts.sleep ?? sleepFor;
  const headers = { authorization: `Bearer ${opts.apiKey}` };
  const api = `${opts.baseUrl.replace(/\/$/, '')}/api/v1`;
  const clientOffsetMinutes = -new Date().getTimezoneOffset();
  const metaOf = (file: File): ImportMeta => ({ lastModified: file.lastModified || undefined, clientOffsetMinutes, ...opts.meta });

  const outcomes: (IngestOutcome | undefined)[] = files.map(() => undefined);
  const sent = files.map(() => 0);
  const totalBytes = files.reduce((s, f) => s + f.size, 0);
  const report = () => {
    const current = files.findIndex((_, i) => !outcomes[i]);
    opts.onProgress?.({
      sentBytes: sent.reduce((s, n) => s + n, 0),
      totalBytes,
      filesDone: outcomes.filter(Boolean).length,
      filesTotal: files.length,
      currentFile: current >= 0 ? files[current]!.name : null,
    });
  };
  const finish = (i: number, outcome: IngestOutcome) => {
    outcomes[i] = outcome;
    sent[i] = files[i]!.size;
    report();
  };

  const json = async <T>(req: Omit<TransportRequest, 'headers' | 'signal'> & { headers?: Record<string, string> }): Promise<T> => {
    const res = await transport({ ...req, headers: { ...headers, ...req.headers }, signal: opts.signal });
    if (res.status >= 400) throw httpError(res);
    return res.body as T;
  };

  /** Runs `fn` again after dropped connections and transient statuses; other errors pass through. */
  const retrying = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        const d = decideAfterFailure(error, attempt, policy);
        if (d.action !== 'retry' || (error instanceof UploadHttpError && error.status === 409)) throw error;
        await sleep(d.delayMs, opts.signal);
      }
    }
  };

  const sendBatch = async (idx: number[]) => {
    const form = new FormData();
    for (const i of idx) {
      form.append('meta', JSON.stringify(metaOf(files[i]!)));
      form.append('file', files[i]!, files[i]!.name);
    }
    const sizes = idx.map((i) => files[i]!.size);
    try {
      const summary = await retrying(() =>
        json<{ outcomes: IngestOutcome[] }>({
          method: 'POST',
          url: `${api}/upload`,
          body: form,
          onUploadProgress: (loaded, total) => {
            spreadProgress(total > 0 ? loaded / total : 0, sizes).forEach((n, k) => (sent[idx[k]!] = n));
            report();
          },
        }),
      );
      idx.forEach((i, k) => finish(i, summary.outcomes[k] ?? rejected(files[i]!.name, 'The server did not say what became of this file.')));
    } catch (error) {
      if (isAbortError(error) || (error instanceof UploadHttpError && error.status === 401)) throw error;
      // Every file over the size limit: the 413 carries the per-file outcomes.
      const listed = (error as UploadHttpError).details as { outcomes?: IngestOutcome[] } | undefined;
      const message = error instanceof UploadHttpError || error instanceof UploadNetworkError ? error.message : String(error);
      idx.forEach((i, k) => finish(i, listed?.outcomes?.[k] ?? rejected(files[i]!.name, message)));
    }
  };

  const sendResumable = async (i: number): Promise<IngestOutcome> => {
    const file = files[i]!;
    let session: SessionDTO;
    try {
      session = await retrying(() =>
        json<SessionDTO>({
          method: 'POST',
          url: `${api}/uploads`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ size: file.size, meta: { fileName: file.name, ...metaOf(file) } }),
        }),
      );
    } catch (error) {
      if (isAbortError(error) || (error instanceof UploadHttpError && error.status === 401)) throw error;
      return rejected(file.name, (error as Error).message);
    }
    const url = `${api}/uploads/${encodeURIComponent(session.id)}`;
    const chunkBytes = Math.min(session.chunkBytes, opts.maxChunkBytes ?? Infinity);
    let received = session.received;
    let attempt = 0;
    /** The last `complete` got no answer: a 404 now may mean it went through. */
    let completeUnanswered = false;
    const forget = () => void transport({ method: 'DELETE', url, headers }).catch(() => undefined);

    for (;;) {
      const chunk = nextChunk(file.size, received, chunkBytes);
      try {
        if (chunk) {
          const done = await json<{ received: number }>({
            method: 'PUT',
            url: `${url}?offset=${chunk.start}`,
            headers: { 'content-type': 'application/octet-stream' },
            body: file.slice(chunk.start, chunk.end),
            onUploadProgress: (loaded) => {
              sent[i] = Math.min(file.size, chunk.start + loaded);
              report();
            },
          });
          received = done.received;
          sent[i] = received;
          attempt = 0;
          report();
          continue;
        }
        return await json<IngestOutcome>({ method: 'POST', url: `${url}/complete` });
      } catch (error) {
        if (error instanceof UploadHttpError && error.status === 401) throw error;
        if (!chunk && completeUnanswered && error instanceof UploadHttpError && error.status === 404) {
          return rejected(
            file.name,
            'The connection dropped as the upload finished, so whether it was added is not known. Look for it on the timeline, or add it again (a copy already there is recognised).',
          );
        }
        const d = decideAfterFailure(error, attempt++, policy);
        if (d.action === 'abort') {
          forget();
          throw error;
        }
        if (d.action === 'fail') {
          forget();
          return rejected(file.name, d.message);
        }
        if (!chunk && error instanceof UploadNetworkError) completeUnanswered = true;
        await sleep(d.delayMs, opts.signal).catch((e: unknown) => {
          forget();
          throw e;
        });
        if (d.resumeFrom !== 'ask') received = d.resumeFrom;
        else {
          // Sending again from what we last knew is always safe (the server takes resends), so a failed
          // question only costs a few bytes sent twice.
          received = await json<SessionDTO>({ method: 'GET', url }).then((s) => s.received, () => received);
        }
        sent[i] = received;
        report();
      }
    }
  };

  report();
  try {
    for (const task of planUpload(files.map((f) => f.size), opts.limits)) {
      if (opts.signal?.aborted) throw abortError();
      if (task.kind === 'batch') await sendBatch(task.files);
      else finish(task.file, await sendResumable(task.file));
    }
  } catch (error) {
    if (isAbortError(error)) throw new UploadCancelled(summariseOutcomes(outcomes.filter((o): o is IngestOutcome => !!o)));
    throw error;
  }
  return summariseOutcomes(outcomes as IngestOutcome[]);
}
