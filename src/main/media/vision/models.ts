/**
 * Where human's code, models and the tfjs WASM binaries live, and how models load from disk. Nothing here
 * touches the network: human's Node WASM build would fetch() its model URLs, and Node's fetch cannot read
 * file:// URLs, so a tfjs IO router serves those from the file system instead.
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Tfjs from '@tensorflow/tfjs-core';
import type { Human as HumanClass } from '@vladmandic/human';
import { VisionError } from './errors';

const require = createRequire(import.meta.url);

/** The models the engine runs: face detector, face mesh (verifies faces), face descriptor, object detector. */
export const MODEL_FILES = ['blazeface.json', 'facemesh.json', 'faceres.json', 'centernet.json'] as const;

export type Tf = typeof Tfjs;

// The package's "exports" hides every file but human.node.js (which needs tfjs-node, not installed), so we
// resolve that entry only to find its folder, then load the WASM build beside it by path.
const humanDist = (): string => path.dirname(require.resolve('@vladmandic/human'));

/** The models that ship inside the @vladmandic/human package. */
export function defaultModelsDir(): string {
  return path.join(humanDist(), '..', 'models');
}

/** The folder holding tfjs-backend-wasm's .wasm files; a trailing separator makes it a prefix for setWasmPaths. */
export function wasmDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

/** human's Node build for the tfjs WASM backend, loaded on first use: with tfjs it is several megabytes of code. */
export function loadHuman(): typeof HumanClass {
  const mod = require(path.join(humanDist(), 'human.node-wasm.js')) as { Human: typeof HumanClass };
  return mod.Human;
}

/**
 * Fails with 'models_missing' unless every model file and the weight files it names are in `dir`, so a broken
 * install says which folder was searched instead of surfacing as a fetch error from deep inside tfjs.
 */
export async function checkModels(dir: string): Promise<void> {
  const missing: string[] = [];
  for (const file of MODEL_FILES) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    } catch (error) {
      missing.push((error as NodeJS.ErrnoException).code === 'ENOENT' ? file : `${file} (unreadable)`);
      continue;
    }
    for (const weights of weightPaths(manifest)) {
      if (!(await exists(path.join(dir, weights)))) missing.push(weights);
    }
  }
  if (missing.length === 0) return;
  const where = (await exists(dir)) ? `in ${dir}` : `because the folder ${dir} does not exist`;
  throw new VisionError('models_missing', `vision models are missing ${where}: ${missing.join(', ')}`);
}

function weightPaths(manifest: unknown): string[] {
  const groups = (manifest as { weightsManifest?: { paths?: unknown }[] }).weightsManifest ?? [];
  return groups.flatMap((group) => (Array.isArray(group.paths) ? group.paths.filter((p): p is string => typeof p === 'string') : []));
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Why each file:// model failed to load; human only logs such failures, so the engine reads them from here. */
export const loadFailures = new Map<string, string>();

const routed = new WeakSet<object>();

/**
 * Teaches tfjs to load file:// model URLs (model.json plus its weight files). The router registry is global
 * to the tfjs instance, so it is registered once per process however many engines are made.
 */
export function serveFileModels(tf: Tf): void {
  if (routed.has(tf.io)) return;
  routed.add(tf.io);
  tf.io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null as unknown as Tfjs.io.IOHandler;
    return { load: () => loadModel(tf, url) };
  });
}

async function loadModel(tf: Tf, url: string): Promise<Tfjs.io.ModelArtifacts> {
  const file = fileURLToPath(url);
  try {
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as Tfjs.io.ModelJSON;
    return await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
      const specs = manifest.flatMap((group) => group.weights);
      const parts = await Promise.all(manifest.flatMap((group) => group.paths).map((p) => fs.readFile(path.join(path.dirname(file), p))));
      const all = Buffer.concat(parts);
      // A fresh ArrayBuffer holding exactly the weights: a Buffer may be a view into a larger pooled one.
      return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer];
    });
  } catch (error) {
    loadFailures.set(url, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
