/**
 * Real HTTP servers on 127.0.0.1 for the provider tests (src/main/ai/llm/test-support.ts speaks the chat
 * protocols, src/main/ai/speech/test-support.ts the transcription ones): what they share is starting, closing
 * and answering JSON; each reads request bodies its own way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

/** What every received request carries; the test supports add their parsed body. */
export interface BaseExchange {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Resolves when the connection or response closes; `finished` is false when the client hung up first. */
  closed: Promise<{ finished: boolean }>;
}

export type ExchangeHandler<E> = (exchange: E, res: http.ServerResponse, req: http.IncomingMessage) => void;

export interface BodyReader<B> {
  /** The request body as the handlers see it; throwing makes the request a bad one. */
  parse(body: Buffer, req: http.IncomingMessage): B;
  /** Answers a request whose body `parse` refused; the handlers never see it. */
  refuse(res: http.ServerResponse, error: unknown): void;
}

const servers: http.Server[] = [];

export async function closeAllServers(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A real HTTP server on 127.0.0.1; `handlers` answer successive requests, the last one repeats. */
export async function serveWith<B extends object>(
  reader: BodyReader<B>,
  handlers: ExchangeHandler<BaseExchange & B>[],
): Promise<{ baseUrl: string; requests: (BaseExchange & B)[] }> {
  const requests: (BaseExchange & B)[] = [];
  const server = http.createServer((req, res) => {
    const closed = new Promise<{ finished: boolean }>((resolve) => res.on('close', () => resolve({ finished: res.writableFinished })));
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      let body: B;
      try {
        body = reader.parse(Buffer.concat(parts), req);
      } catch (error) {
        return void reader.refuse(res, error);
      }
      const exchange = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, closed, ...body };
      requests.push(exchange);
      handlers[Math.min(requests.length, handlers.length) - 1]!(exchange, res, req);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

export const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

/** The error `promise` rejects with, checked to be a `type` (a promise that resolves fails the test). */
export async function rejection<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
