/**
 * Child process for the crash test in crash.test.ts: opens the library at argv[2] with the pipeline running,
 * ingests argv[3], and prints `done N` as steps finish. The test kills it with SIGKILL part way through.
 */
import { Engine } from '../../../engine/engine';
import { ingestPaths } from '../../ingest-paths';

const [library, folder] = process.argv.slice(2);
if (!library || !folder) throw new Error('usage: ingest-child.ts LIBRARY FOLDER');
const engine = await Engine.open({ library, pipeline: true });
let done = 0;
engine.events.on('media.step', (e) => e.status === 'done' && process.stdout.write(`done ${++done}\n`));
await ingestPaths(engine.media, [folder], { source: 'cli', onProgress: (d) => process.stdout.write(`added ${d}\n`) });
await engine.media.drain();
process.stdout.write('finished\n');
await engine.close();
