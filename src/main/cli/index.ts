/**
 * The `engram` command. Every subcommand opens the library through the same Engine the app uses and calls the
 * same services as the HTTP handlers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { EngramError } from '../../shared/errors';
import { Engine } from '../engine/engine';
import { MemoryService } from '../memories/memories';
import { exportLibraryJson, importLibraryJson } from '../vault/json-export';
import { exportVault, importVault } from '../vault/markdown-vault';
import { progressBar } from './progress';
import { serve } from './serve';
import { printHits } from './print-hits';
import { ingestPaths } from '../media/ingest-paths';

const program = new Command('engram')
  .description('Engram: a local-first second brain')
  .option('--library <dir>', 'library directory (default: $ENGRAM_HOME, else the OS user-data folder)')
  .showHelpAfterError();

/** Opens the library, runs `fn`, and always closes it so the WAL is checkpointed and workers end. */
async function withEngine<T>(fn: (engine: Engine) => Promise<T> | T, opts: { paused?: boolean } = {}): Promise<T> {
  const engine = await Engine.open({ library: program.opts().library, paused: opts.paused });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

async function waitForIndex(engine: Engine): Promise<void> {
  const bar = progressBar('Indexing');
  const off = engine.events.on('index.progress', (p) => bar.update(p.done, p.total));
  engine.resumeIndexing();
  await engine.indexed();
  off();
  bar.stop();
}

program
  .command('add')
  .description('add a note (text from arguments, or stdin when none)')
  .argument('[text...]', 'the note body')
  .option('-t, --title <title>', 'title', '')
  .option('--tag <tag>', 'a tag (repeat for more)', (tag: string, tags: string[] = []) => [...tags, tag])
  .addOption(new Option('--kind <kind>', 'node kind').choices(['note', 'journal', 'memory', 'bookmark']).default('note'))
  .option('--json', 'print the created node as JSON')
  .action(async (words: string[], o: { title: string; tag?: string[]; kind: 'note'; json?: boolean }) => {
    const body = words.length ? words.join(' ') : fs.readFileSync(0, 'utf8');
    await withEngine(async (engine) => {
      const node = engine.nodes.create({ kind: o.kind, title: o.title, body, tags: o.tag ?? [] });
      await engine.indexed();
      console.log(o.json ? JSON.stringify(node, null, 2) : `Added ${node.kind} ${node.id}`);
    });
  });

program
  .command('import')
  .description('import a JSON export (Engram or memories) or a markdown vault folder; all or nothing')
  .argument('<source>', 'FILE.json or VAULT_DIR')
  .addOption(new Option('--on-conflict <mode>', 'when an id already exists').choices(['fail', 'skip']).default('fail'))
  .action(async (source: string, o: { onConflict: 'fail' | 'skip' }) => {
    const stat = fs.statSync(source, { throwIfNoEntry: false });
    if (!stat) throw new EngramError('not_found', `${source} does not exist`);
    await withEngine(async (engine) => {
      if (stat.isDirectory()) {
        const bar = progressBar('Importing vault');
        const result = await importVault(engine, source, { onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        console.log(`Imported ${result.notes} notes, ${result.folders} folders and ${result.attachments} attachments`);
      } else {
        const data = parseJsonFile(source);
        const isLibrary = (data as { format?: unknown } | null)?.format === 'engram-export';
        const result = isLibrary
          ? importLibraryJson(engine, data, { onConflict: o.onConflict })
          : new MemoryService(engine).import(data, { on_conflict: o.onConflict });
        console.log(`Imported ${result.imported} nodes${result.skipped ? `, skipped ${result.skipped} that already existed` : ''}`);
      }
      await waitForIndex(engine);
    }, { paused: true });
  });

program
  .command('ingest')
  .description('add photos, videos, audio and documents (files or folders, recursively) and process them')
  .argument('<paths...>', 'files or folders')
  .option('--no-wait', 'return once the files are stored; their steps run when the app or `engram serve` next runs')
  .option('--json', 'print the outcome of every file as JSON')
  .action(async (paths: string[], o: { wait: boolean; json?: boolean }) => {
    await withEngine(async (engine) => {
      const bar = progressBar('Adding');
      const summary = await ingestPaths(engine.media, paths, { source: 'cli', onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      if (o.wait) {
        const steps = progressBar('Processing');
        const total = () => engine.media.queue.counts();
        const off = engine.events.on('media.step', () => {
          const c = total();
          steps.update(c.done + c.failed, c.done + c.failed + c.queued + c.running - engine.media.waitingCount());
        });
        await engine.media.drain();
        off();
        steps.stop();
        await waitForIndex(engine);
      }
      if (o.json) return console.log(JSON.stringify(summary, null, 2));
      for (const r of summary.outcomes.filter((x) => x.status === 'rejected')) console.error(`Not added: ${r.file}: ${r.reason}`);
      const failed = o.wait ? failedSteps(engine) : [];
      for (const f of failed) console.error(`Failed: ${f.title}: ${f.step}: ${f.error}`);
      console.log(
        `Added ${summary.added}, already there ${summary.duplicates}, not added ${summary.rejected}` +
          (summary.skipped ? `, passed over ${summary.skipped}` : '') +
          (failed.length ? `; ${failed.length} steps failed (see above; retry them in the app)` : '') +
          (engine.media.waitingCount() ? `; ${engine.media.waitingCount()} transcriptions wait for a speech model (Settings → Speech)` : ''),
      );
      if (summary.rejected > 0 && summary.added + summary.duplicates === 0) process.exitCode = 1;
    });
  });

program
  .command('export')
  .description('export the library as lossless JSON or as a markdown vault folder')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'markdown']).default('json'))
  .argument('<out>', 'FILE.json (json) or an empty folder (markdown)')
  .action(async (out: string, o: { format: 'json' | 'markdown' }) => {
    await withEngine(async (engine) => {
      if (o.format === 'markdown') {
        const bar = progressBar('Exporting');
        const result = await exportVault(engine, out, { onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        console.log(`Wrote ${result.files} files to ${path.resolve(out)}`);
      } else {
        const data = exportLibraryJson(engine);
        writeNewFile(out, JSON.stringify(data, null, 2));
        console.log(`Wrote ${data.nodes.length} nodes to ${path.resolve(out)}`);
      }
    }, { paused: true });
  });

program
  .command('search')
  .description('search by keyword and meaning')
  .argument('<query...>', 'what to look for; date phrases like "last week" filter by time')
  .option('--json', 'print results as JSON')
  .option('-n, --limit <k>', 'how many results', (v) => Number.parseInt(v, 10), 10)
  .addOption(new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'keyword', 'semantic']).default('hybrid'))
  .action(async (words: string[], o: { json?: boolean; limit: number; mode: 'hybrid' }) => {
    await withEngine(async (engine) => {
      await engine.indexed();
      const res = await engine.search.search({ query: words.join(' '), limit: o.limit, mode: o.mode });
      if (o.json) console.log(JSON.stringify(res, null, 2));
      else printHits(res);
    });
  });

program
  .command('stats')
  .description('counts by kind, index status and storage')
  .option('--json', 'print as JSON')
  .action(async (o: { json?: boolean }) => {
    await withEngine((engine) => {
      const s = engine.stats();
      if (o.json) return console.log(JSON.stringify(s, null, 2));
      console.log(`Library   ${s.library}`);
      console.log(`Nodes     ${s.nodes} (${s.byKind.map((k) => `${k.count} ${k.kind}`).join(', ') || 'none'}), ${s.trashed} in trash`);
      console.log(`Chunks    ${s.chunks}; waiting for vectors: ${s.index.pending ?? 'n/a'}; embedder ${s.index.active ?? 'none'}`);
      console.log(`Storage   ${fmtBytes(s.storage.databaseBytes)} database, ${fmtBytes(s.storage.blobsBytes)} files`);
    }, { paused: true });
  });

program
  .command('backup')
  .description('copy the live library (database and files) into a new folder')
  .argument('<out>', 'a folder that does not exist or is empty')
  .action(async (out: string) => {
    await withEngine(async (engine) => {
      const bar = progressBar('Backing up');
      const r = await engine.backup(out, (d, t) => bar.update(d, t));
      bar.stop();
      console.log(`Backed up to ${r.dir} (${fmtBytes(r.databaseBytes)} database)`);
    }, { paused: true });
  });

program
  .command('serve')
  .description('run the HTTP API and web UI')
  .option('-p, --port <port>', 'port', (v) => Number.parseInt(v, 10), 4321)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--api-key <key>', 'API key (default: generated once and kept in the library)')
  .option('--cors-origin <origin...>', 'origins allowed to call the API from a browser')
  .option('--rate-limit <n>', 'requests per minute per key', (v) => Number.parseInt(v, 10), 600)
  .action(async (o: { port: number; host: string; apiKey?: string; corsOrigin?: string[]; rateLimit: number }) => {
    await serve({ ...o, library: program.opts().library });
  });

function parseJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new EngramError('invalid_input', `${file} is not valid JSON (${(err as Error).message}); nothing was imported`);
  }
}

function writeNewFile(file: string, text: string): void {
  if (fs.existsSync(file)) throw new EngramError('conflict', `${file} already exists; choose a new file name`);
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function failedSteps(engine: Engine): { title: string; step: string; error: string }[] {
  return engine.db
    .prepare(`SELECT n.title, j.step, j.error FROM jobs j JOIN nodes n ON n.id = j.node_id WHERE j.status = 'failed' ORDER BY j.id`)
    .all() as { title: string; step: string; error: string }[];
}

function fmtBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) (n /= 1024), i++;
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof EngramError ? err.message : (err as Error).stack ?? String(err);
  console.error(`engram: ${message}`);
  process.exitCode = err instanceof EngramError && err.code === 'invalid_input' ? 2 : 1;
});
