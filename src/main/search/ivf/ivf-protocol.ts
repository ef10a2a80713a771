/** Messages between the IVF index and its build worker. */
export interface IvfBuildRequest {
  dbPath: string;
  embedderId: string;
  sourceTable: string;
  targetTable: string;
  dimensions: number;
  lists: number;
  sampleSize: number;
  iterations: number;
}

export type IvfWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; centroids: Float32Array; lists: number }
  | { type: 'failed'; message: string };
