/**
 * The media pipeline's contract: ingest inputs and outcomes, per-step state, the item detail, timeline and
 * dashboard DTOs, and the media settings. Shared by the engine, HTTP, the CLI and the renderer.
 */
import { z } from 'zod';
import { AiUsage, IsoDate, NodeId, PrivacyLevel, type NodeDTO, type NodeKind } from './schemas';

export const MEDIA_KINDS = ['photo', 'video', 'audio', 'document'] as const;
export const MediaKind = z.enum(MEDIA_KINDS);
export type MediaKind = z.infer<typeof MediaKind>;

/** What a client may say about a file it sends; everything else is read from the bytes. */
export const UploadMeta = z.object({
  /** The file's name on the client; used for the title and kind hints only, never as a path. */
  fileName: z.string().trim().min(1).max(255),
  /** The file's modification time on the client (epoch ms), the weakest event-time evidence. */
  lastModified: z.number().int().nonnegative().optional(),
  /** A time the user gave for the item ("add to a past day"): ISO 8601, with or without an offset. */
  eventTime: z.string().max(40).optional(),
  /** The client's UTC offset in minutes, which resolves naive EXIF times. */
  clientOffsetMinutes: z.number().int().min(-900).max(900).optional(),
  parentId: NodeId.nullish(),
  privacyLevel: PrivacyLevel.optional(),
  aiUsage: AiUsage.optional(),
});
export type UploadMeta = z.infer<typeof UploadMeta>;

export type IngestStatus = 'added' | 'duplicate' | 'rejected' | 'skipped';

export interface IngestOutcome {
  file: string;
  status: IngestStatus;
  nodeId?: string;
  /** For a duplicate: the item that already holds these bytes. */
  duplicateOf?: string;
  /** Why the file was rejected or skipped, in words a person can act on. */
  reason?: string;
}

export interface IngestSummary {
  added: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  outcomes: IngestOutcome[];
}

export const IngestPaths = z.object({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(1000),
  clientOffsetMinutes: z.number().int().min(-900).max(900).optional(),
  parentId: NodeId.nullish(),
  privacyLevel: PrivacyLevel.optional(),
  aiUsage: AiUsage.optional(),
});

export interface StepStateDTO {
  jobId: number;
  step: string;
  label: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'waiting';
  attempts: number;
  progress: number | null;
  /** The failure, or for a waiting step what it waits for. */
  error: string | null;
  updatedAt: string;
}

export type ItemState = 'processing' | 'done' | 'failed' | 'waiting';

export interface BlobRefDTO {
  role: string;
  mime: string;
  size: number;
  /** A URL the client can load directly (signed in web mode). */
  url: string;
}

export interface MediaFacts {
  camera?: { make?: string; model?: string; lens?: string };
  capture?: { local?: string; offsetMinutes?: number; tag?: string };
  gps?: { latitude: number; longitude: number; altitude?: number };
  eventTime?: { at: string; offsetMinutes?: number; source: string; offsetFrom?: string; confidence: number; rejected?: string[] };
  av?: { container?: string; videoCodec?: string; audioCodec?: string; bitRate?: number };
  ocr?: { text: string; confidence: number };
  tags?: { label: string; score: number }[];
  faces?: { box: [number, number, number, number]; score: number }[];
  transcript?: { text: string; language?: string; segments: { startSec: number; endSec: number; text: string }[] };
  document?: { pages?: number; title?: string };
  keyframes?: { timeSec: number; sha256: string }[];
  warnings?: string[];
}

export interface MediaDetailDTO {
  node: NodeDTO;
  mediaKind: MediaKind;
  mime: string;
  size: number;
  fileName: string;
  source: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  facts: MediaFacts;
  blobs: BlobRefDTO[];
  steps: StepStateDTO[];
  state: ItemState;
  canonical: { id: string; title: string; distance: number } | null;
  duplicates: { id: string; title: string; distance: number; thumbnail: string | null }[];
  originalsDropped: boolean;
}

/** One entry of the timeline: any node with a time, media or not. */
export interface TimelineItemDTO {
  id: string;
  kind: NodeKind;
  title: string;
  /** The event time, else the creation time (ISO UTC). */
  at: string;
  offsetMinutes: number | null;
  excerpt: string;
  thumbnail: string | null;
  durationSec: number | null;
  state: ItemState | null;
}

export const TimelineHeatmap = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** Minutes east of UTC that days are counted in (the viewer's zone). */
  offsetMinutes: z.number().int().min(-900).max(900).default(0),
});
export const TimelineBounds = z.object({ offsetMinutes: z.number().int().min(-900).max(900).default(0) });
export interface TimelineBoundsDTO {
  /** The first and last local days with items, null in an empty library. */
  first: string | null;
  last: string | null;
}

export interface HeatmapDTO {
  days: { day: string; count: number }[];
  max: number;
}

export const TimelineDay = z.object({
  day: z.iso.date(),
  offsetMinutes: z.number().int().min(-900).max(900).default(0),
});
export interface EpisodeDTO {
  start: string;
  end: string;
  /** A short label from the items' titles and tags. */
  label: string;
  items: TimelineItemDTO[];
}
export interface DayDTO {
  day: string;
  episodes: EpisodeDTO[];
  total: number;
}

export const TimelineItems = z.object({
  /** Items strictly older than this cursor (from the previous page), newest first. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(60),
  kinds: z.array(z.string().max(32)).max(20).optional(),
  /** Only items with a failed step (the dashboard's "see which"). */
  failedOnly: z.boolean().default(false),
});
export interface TimelinePageDTO {
  items: TimelineItemDTO[];
  nextCursor: string | null;
}

export interface DashboardDTO {
  byKindOverTime: { month: string; kind: string; count: number }[];
  recent: TimelineItemDTO[];
  storage: { byKind: { kind: string; bytes: number }[]; totalBytes: number; budgetBytes: number | null; warning: string | null };
  queue: { queued: number; running: number; done: number; failed: number; waiting: number; byStep: Record<string, { queued: number; running: number; done: number; failed: number }> };
}

export const WatchedFolderInput = z.object({
  path: z.string().min(1).max(4096),
  label: z.string().max(200).default(''),
});
export interface WatchedFolderDTO {
  id: string;
  path: string;
  label: string;
  createdAt: string;
  lastScanAt: string | null;
  lastError: string | null;
  watching: boolean;
}

export const MediaSettings = z.object({
  /** Larger files are refused at ingest. */
  maxFileMb: z.number().int().min(1).max(100_000).default(4096),
  /** Longer videos and recordings are refused by the probe step. */
  maxVideoMinutes: z.number().int().min(1).max(24 * 60).default(180),
  nearDuplicate: z
    .object({
      /** Only photos taken within this many hours of each other are compared; 0 compares all. */
      windowHours: z.number().min(0).max(24 * 365).default(72),
      maxDistance: z.number().int().min(0).max(32).default(10),
    })
    .default({ windowHours: 72, maxDistance: 10 }),
  /** Optional steps; turning one off stops it for new items (CPU, battery, or simply not wanted). */
  steps: z
    .object({ ocr: z.boolean().default(true), vision: z.boolean().default(true), transcribe: z.boolean().default(true) })
    .default({ ocr: true, vision: true, transcribe: true }),
  /** A warning shows from 90 % of this; null means no budget. */
  storageBudgetGb: z.number().min(0.001).max(1_000_000).nullable().default(null),
  /** Originals older than this many days are dropped by "optimise storage" (previews and text stay); null keeps all. */
  retentionDays: z.number().int().min(1).max(100_000).nullable().default(null),
});
export type MediaSettings = z.infer<typeof MediaSettings>;
export const MediaSettingsUpdate = MediaSettings.partial();

export const ItemRef = z.object({ id: NodeId });
export const JobRef = z.object({ jobId: z.number().int().positive() });
export const AddToDay = z.object({ id: NodeId, at: IsoDate, offsetMinutes: z.number().int().min(-900).max(900).optional() });
