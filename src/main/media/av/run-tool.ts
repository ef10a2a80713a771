/**
 * Runs ffmpeg or ffprobe as a child process: argument arrays (no shell), a time limit, an AbortSignal that
 * kills the child, and a bounded copy of stderr, which ffmpeg fills with one line per damaged packet.
 * A call settles only once the child has exited, so an aborted step never leaves a process behind.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { type AvTool, toolPath } from './binaries';
import { AvError } from './errors';

/**
 * Demuxers a file may be read with. Detection goes by content, so without this list any upload could be
 * opened as an HLS or concat playlist that makes ffmpeg read other local files or fetch URLs, or as one of
 * the many formats that accept any bytes (random data "is" a binary-text video).
 */
export const AV_DEMUXERS = [
  'mov', // mp4, m4a, 3gp, mov
  'matroska', // mkv, webm
  'avi',
  'mpegts', // also AVCHD .mts/.m2ts
  'mpeg', // program streams: .mpg, .vob
  'flv',
  'asf', // wmv, wma
  'ogg', // ogg, opus
  'wav',
  'w64',
  'mp3',
  'flac',
  'aac',
  'ac3',
  'eac3',
  'amr',
  'amrnb',
  'amrwb',
  'aiff',
  'caf',
  'mxf',
  'dv',
  'wv',
  'ape',
].join(',');

/** Input options that make ffmpeg/ffprobe read `file` as a local media file and nothing else. */
export function inputArgs(file: string): string[] {
  // "file:" stops a name like "concat:a|b" or "-i" from being read as a protocol or an option.
  return ['-protocol_whitelist', 'file', '-format_whitelist', AV_DEMUXERS, '-i', inputUrl(file)];
}

export const inputUrl = (file: string) => `file:${path.resolve(file)}`;

export interface ToolCall {
  tool: AvTool;
  args: string[];
  /** Opens the message when the tool fails, e.g. "The video could not be decoded"; its reason follows. */
  failure: string;
  /** Names the work in a timeout message, e.g. "Reading the file's metadata". */
  task: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Receives stdout as it arrives, which is then not collected (decoded audio can be large). */
  onStdout?: (chunk: Buffer) => void;
  /** Receives each stderr line as it arrives, for reports the tool writes there (showinfo, packets). */
  onStderrLine?: (line: string) => void;
  /** Collected stdout beyond this kills the tool; a poster frame is far smaller. */
  maxStdoutBytes?: number;
}

export interface ToolResult {
  stdout: Buffer;
  /** The start and the end of stderr, at most 2 × STDERR_KEEP characters. */
  stderr: string;
}

const STDERR_KEEP = 8 * 1024;
const DEFAULT_MAX_STDOUT = 64 * 1024 * 1024;

export async function runTool(call: ToolCall): Promise<ToolResult> {
  call.signal?.throwIfAborted();
  const binary = toolPath(call.tool);
  const maxStdout = call.maxStdoutBytes ?? DEFAULT_MAX_STDOUT;

  return new Promise<ToolResult>((resolve, reject) => {
    const child = spawn(binary, call.args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const stderr = new StderrLog(call.onStderrLine);
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stopped: 'aborted' | 'timeout' | 'overflow' | undefined;
    let spawnError: NodeJS.ErrnoException | undefined;

    const stop = (why: NonNullable<typeof stopped>) => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const onAbort = () => stop('aborted');
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stop('timeout'), call.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => {
      if (stopped) return;
      if (call.onStdout) return call.onStdout(chunk);
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) return stop('overflow');
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError ??= error;
    });
    // 'close' comes after 'exit' and after stdio has ended, so every byte has been seen by then.
    child.on('close', (code, signalName) => {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      stderr.end();
      if (stopped === 'aborted') return reject(call.signal?.reason);
      if (stopped === 'timeout') {
        return reject(new AvError('timeout', `${call.task} took longer than ${seconds(call.timeoutMs)}, so it was stopped`));
      }
      if (stopped === 'overflow') {
        return reject(new AvError('undecodable', `${call.failure}: ${call.tool} produced more than ${maxStdout} bytes`));
      }
      if (spawnError) return reject(spawnFailure(call.tool, binary, spawnError));
      // Killed from outside (out of memory, shutdown): nothing to blame the file for, so worth a retry.
      if (code === null) return reject(new Error(`${call.task} stopped: ${call.tool} was killed by ${signalName ?? 'a signal'}`));
      // The shell's codes for a program that cannot run (the system falls back to sh for a foreign binary);
      // ffmpeg itself exits with 1 on errors.
      if (code === 126 || code === 127) return reject(cannotRun(call.tool, binary, `exit ${code}: ${readableReason(stderr.text())}`));
      if (code !== 0) return reject(new AvError('undecodable', `${call.failure}: ${readableReason(stderr.text())}`));
      resolve({ stdout: Buffer.concat(stdout), stderr: stderr.text() });
    });
  });
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

function spawnFailure(tool: AvTool, binary: string, error: NodeJS.ErrnoException): Error {
  return error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'ENOEXEC' ? cannotRun(tool, binary, error.code) : error;
}

const cannotRun = (tool: AvTool, binary: string, detail: string) =>
  new AvError('no_ffmpeg', `${tool} at ${binary} could not be run (${detail}); reinstall Engram, or set ENGRAM_${tool.toUpperCase()} to the path of a working ${tool}`);

/** Keeps the first and the last STDERR_KEEP characters and hands complete lines to a listener. */
class StderrLog {
  private readonly decoder = new StringDecoder('utf8');
  private readonly lines?: LineSplitter;
  private head = '';
  private tail = '';
  private dropped = false;

  constructor(onLine?: (line: string) => void) {
    if (onLine) this.lines = new LineSplitter(onLine);
  }

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    this.keep(text);
    this.lines?.push(text);
  }

  end(): void {
    const text = this.decoder.end();
    this.keep(text);
    this.lines?.push(text);
    this.lines?.end();
  }

  text(): string {
    return this.dropped ? `${this.head}\n[…]\n${this.tail}` : this.head + this.tail;
  }

  private keep(text: string): void {
    const room = STDERR_KEEP - this.head.length;
    if (room > 0) this.head += text.slice(0, room);
    const rest = room > 0 ? text.slice(room) : text;
    if (!rest) return;
    const tail = this.tail + rest;
    if (tail.length > STDERR_KEEP) this.dropped = true;
    this.tail = tail.slice(-STDERR_KEEP);
  }
}

/** Cuts text that arrives in pieces into lines; ffmpeg ends its progress lines with \r alone. */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    const lines = (this.partial + text).split(/\r\n|\r|\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
    // A tool writing without newlines must not grow this without bound.
    if (this.partial.length > STDERR_KEEP) this.end();
  }

  end(): void {
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}

// Lines that say that something failed without saying what.
const BOILERPLATE = [/^Conversion failed!?$/, /^Last message repeated/, /^Error (opening|initializing|while)/, /^Exiting normally/];

/**
 * The first line of stderr that says what is wrong, without ffmpeg's "[demuxer @ 0x…]" prefix or the input
 * path (the user knows which file they added; logs have the path anyway).
 */
export function readableReason(stderr: string): string {
  let fallback: string | undefined;
  for (const raw of stderr.split(/\r\n|\r|\n/)) {
    const prefix = /^\[([^\]]+?) @ 0x[0-9a-f]+\]\s*/i.exec(raw);
    let line = raw.slice(prefix?.[0].length ?? 0).replace(/^file:.*?: (?=[A-Z])/, '').trim();
    if (!line) continue;
    if (BOILERPLATE.some((pattern) => pattern.test(line))) {
      fallback ??= line;
      continue;
    }
    // A format outside AV_DEMUXERS: say what ffmpeg thought the file was instead of listing the allowed ones.
    if (line.startsWith('Format not on whitelist')) {
      const detected = prefix?.[1]?.split(',')[0];
      line = `not an audio or video format Engram reads${detected ? ` (it looks like "${detected}")` : ''}`;
    }
    return line;
  }
  return fallback ?? 'no reason given';
}
