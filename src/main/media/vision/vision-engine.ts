/**
 * Offline object tags and faces for photos, with @vladmandic/human on the tfjs WASM backend (single-threaded,
 * SIMD): no native tfjs-node build to ship per platform, no GPU, no network. Models load from a local folder.
 *
 * human keeps its loaded models in module-level variables and tfjs has one engine per process, so however
 * many VisionEngine handles exist they share one loaded runtime, and one queue runs their work one photo
 * at a time. The weights are released when the last handle closes.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config, Human, Result } from '@vladmandic/human';
import { decodeRgb, type RgbFrame } from './decode';
import { VisionError } from './errors';
import { MODEL_FILES, type Tf, checkModels, defaultModelsDir, loadFailures, loadHuman, serveFileModels, wasmDir } from './models';

/** Object classes scoring below this are too often wrong to show as tags. */
export const TAG_MIN_SCORE = 0.4;
/** Detector (and face-mesh) confidence a face needs. */
const FACE_MIN_SCORE = 0.5;

export interface VisionTag {
  /** A COCO object class from centernet, e.g. 'person', 'dog', 'bus'. */
  label: string;
  score: number;
}

export interface VisionFace {
  /** [x, y, width, height] as fractions (0..1) of the upright image, clipped to it. */
  box: [number, number, number, number];
  /** The face detector's confidence. */
  score: number;
  /** faceres descriptor (1024 numbers), for clustering with similarFaces. */
  embedding?: number[];
  /** Estimated age in years. */
  age?: number;
  gender?: string;
}

export interface VisionResult {
  /** One entry per object class, with its best score, highest first. */
  tags: VisionTag[];
  /** Highest score first. */
  faces: VisionFace[];
  /** The photo's size as displayed (after EXIF orientation); the boxes are fractions of it. */
  width: number;
  height: number;
}

export interface VisionEngineOptions {
  /** Folder with human's model files; default: the models shipped in the @vladmandic/human package. */
  modelsDir?: string;
}

export class VisionEngine {
  #closed = false;
  /** Settles after this handle's last queued photo, so close() can wait for its own work only. */
  #last: Promise<unknown> = Promise.resolve();

  private constructor(private readonly runtime: Runtime) {}

  /** Loads the models (or joins the already loaded ones). Fails with 'models_missing' naming the folder searched. */
  static async create(opts: VisionEngineOptions = {}): Promise<VisionEngine> {
    const dir = path.resolve(opts.modelsDir ?? defaultModelsDir());
    await checkModels(dir);
    return new VisionEngine(await acquire(dir));
  }

  /**
   * Tags and faces of one photo (any format the photo module decodes). Calls queue behind each other.
   * Aborting rejects with the signal's reason; a photo already being analysed finishes in the background.
   */
  analyze(image: Buffer, opts: { signal?: AbortSignal } = {}): Promise<VisionResult> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed) return Promise.reject(new VisionError('vision_failed', 'the vision engine is closed'));
    const work = this.runtime.run(async () => {
      signal?.throwIfAborted(); // given up on while queued: skip the work
      const frame = await decodeRgb(image);
      signal?.throwIfAborted();
      return detect(this.runtime, frame);
    });
    this.#last = work.catch(() => undefined);
    return signal ? abortable(work, signal) : work;
  }

  /** Waits for this handle's queued photos, then releases the models if no other handle uses them. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#last;
    release(this.runtime);
  }
}

interface Runtime {
  dir: string;
  human: Human;
  tf: Tf;
  run<T>(task: () => Promise<T>): Promise<T>;
}

let shared: { dir: string; runtime: Promise<Runtime>; users: number } | undefined;

async function acquire(dir: string): Promise<Runtime> {
  // One set of models per process (see the top of this file); a second folder would silently share the first's.
  if (shared && shared.dir !== dir) {
    throw new VisionError('vision_failed', `vision models are already loaded from ${shared.dir}; close those engines before loading ${dir}`);
  }
  if (!shared) {
    const entry = { dir, runtime: startRuntime(dir), users: 0 };
    shared = entry;
    entry.runtime.catch(() => {
      if (shared === entry) shared = undefined; // the next create() tries again from scratch
    });
  }
  const entry = shared;
  entry.users++;
  try {
    return await entry.runtime;
  } catch (error) {
    entry.users--;
    throw error;
  }
}

function release(runtime: Runtime): void {
  if (!shared || shared.dir !== runtime.dir || --shared.users > 0) return;
  shared = undefined;
  for (const model of Object.values(runtime.human.models.models)) model?.dispose();
  // Marks human's environment as fresh, so the next runtime's load() drops human's module-level model
  // cache (now disposed) and reads the files again.
  runtime.human.reset();
}

async function startRuntime(dir: string): Promise<Runtime> {
  const Human = loadHuman();
  const human = new Human(humanConfig(dir));
  const tf = human.tf as Tf;
  serveFileModels(tf);
  try {
    await human.load();
  } catch (error) {
    throw new VisionError('vision_failed', `the vision runtime could not start: ${message(error)}`);
  }
  if (tf.getBackend() !== 'wasm') throw new VisionError('vision_failed', `the tfjs WASM backend did not start (backend: ${tf.getBackend()})`);
  // human logs a model that fails to load and carries on without it; an engine missing one is no engine.
  const loaded = new Set(human.models.loaded());
  const failed = MODEL_FILES.map((file) => file.replace('.json', '')).filter((name) => !loaded.has(name));
  if (failed.length) {
    const why = failed.map((name) => `${name}: ${loadFailures.get(pathToFileURL(path.join(dir, `${name}.json`)).href) ?? 'not loaded'}`);
    throw new VisionError('vision_failed', `vision models in ${dir} could not be loaded (${why.join('; ')})`);
  }
  let tail: Promise<unknown> = Promise.resolve();
  return {
    dir,
    human,
    tf,
    run(task) {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

function humanConfig(dir: string): Partial<Config> {
  const stills = { skipFrames: 0, skipTime: 0 }; // photos, not video: never reuse the previous frame's boxes
  return {
    backend: 'wasm',
    wasmPath: wasmDir(),
    modelBasePath: pathToFileURL(dir + path.sep).href,
    debug: false,
    async: false, // one thread anyway; sequential keeps peak memory down
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0, // likewise: unrelated photos must not return cached results
    filter: { enabled: false }, // browser-only (WebGL) image filters
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: { ...stills, maxDetected: 50, minConfidence: FACE_MIN_SCORE, rotation: false, return: false },
      // The mesh is kept as a verifier: it rejects what blazeface mistakes for faces (a dog's head among the
      // fixtures), which would otherwise pollute face clusters. It adds a small model run per face only.
      mesh: { enabled: true, keepInvalid: false },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { ...stills, enabled: true },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    object: { ...stills, enabled: true, minConfidence: TAG_MIN_SCORE, maxDetected: 50 },
  };
}

async function detect(runtime: Runtime, frame: RgbFrame): Promise<VisionResult> {
  const { human, tf } = runtime;
  const input = tf.tensor4d(frame.pixels, [1, frame.height, frame.width, 3], 'int32');
  let result: Result;
  try {
    result = await human.detect(input);
  } catch (error) {
    throw new VisionError('vision_failed', `image analysis failed: ${message(error)}`);
  } finally {
    tf.dispose(input);
  }
  for (const face of result.face) if (face.tensor) tf.dispose(face.tensor);
  // human reports most failures in the result rather than throwing.
  if (result.error) throw new VisionError('vision_failed', `image analysis failed: ${result.error}`);
  return { tags: tagsOf(result), faces: facesOf(result), width: frame.uprightWidth, height: frame.uprightHeight };
}

function tagsOf(result: Result): VisionTag[] {
  const best = new Map<string, number>();
  for (const object of result.object) {
    if (object.score >= TAG_MIN_SCORE && object.score > (best.get(object.label) ?? 0)) best.set(object.label, object.score);
  }
  return [...best]
    .map(([label, score]) => ({ label, score: round(score, 3) }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
}

function facesOf(result: Result): VisionFace[] {
  const faces: VisionFace[] = [];
  for (const face of result.face) {
    // boxRaw is relative to the frame we passed, which is the upright image scaled down, so it needs no
    // rotation; the detector's box may reach past the edges, which a stored box should not.
    const [x, y, w, h] = face.boxRaw;
    const left = clamp01(x);
    const top = clamp01(y);
    const width = clamp01(x + w) - left;
    const height = clamp01(y + h) - top;
    if (width <= 0 || height <= 0) continue;
    faces.push({
      box: [round(left, 4), round(top, 4), round(width, 4), round(height, 4)],
      // With the mesh on, human's `score` is the mesh's fit (nearly always 1); the detector's is informative.
      score: round(face.boxScore, 3),
      ...(face.embedding?.length ? { embedding: face.embedding } : {}),
      ...(face.age !== undefined && Number.isFinite(face.age) ? { age: round(face.age, 1) } : {}),
      ...(face.gender === 'male' || face.gender === 'female' ? { gender: face.gender } : {}),
    });
  }
  return faces.sort((a, b) => b.score - a.score);
}

/** Rejects as soon as `signal` aborts; the work itself stops at its next check (see analyze). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const clamp01 = (n: number): number => Math.min(1, Math.max(0, n));
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
