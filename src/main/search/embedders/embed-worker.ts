import { parentPort, workerData } from 'node:worker_threads';
import { createOnnxEmbedder } from './onnx';
import { StaticEmbedder } from './static';
import type { Embedder } from './types';
import type { EmbedRequest, EmbedWorkerData, EmbedWorkerMessage } from './worker-embedder';

/** Worker-thread entry: loads the configured local embedder and answers embed requests by id. */

const port = parentPort;
if (!port) throw new Error('embed-worker must run in a worker thread');
const post = (message: EmbedWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function load({ config, staticModelDir }: EmbedWorkerData): Promise<Embedder> {
  return config.provider === 'static' ? new StaticEmbedder(staticModelDir) : createOnnxEmbedder(config.modelDir);
}

load(workerData as EmbedWorkerData).then(
  (embedder) => {
    port.on('message', async ({ requestId, texts }: EmbedRequest) => {
      try {
        const vectors = await embedder.embed(texts);
        // Moving the buffers avoids copying every vector back to the main thread.
        post({ type: 'result', requestId, vectors }, [...new Set(vectors.map((v) => v.buffer as ArrayBuffer))]);
      } catch (error) {
        post({ type: 'error', requestId, message: errorMessage(error) });
      }
    });
    post({ type: 'ready', id: embedder.id, dimensions: embedder.dimensions });
  },
  (error: unknown) => post({ type: 'failed', message: errorMessage(error) }),
);
