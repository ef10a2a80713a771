/**
 * Duration of a PCM WAV from its `fmt ` and `data` chunks, or undefined when the buffer is not a readable WAV.
 * Used to give a reply that has only text (no segments) a segment spanning the whole chunk.
 */
export function wavDurationSec(wav: Buffer): number | undefined {
  if (wav.length < 12 || wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE') {
    return undefined;
  }
  let byteRate: number | undefined;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString('latin1', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'fmt ' && size >= 16 && at + 16 <= wav.length) byteRate = wav.readUInt32LE(at + 16);
    if (id === 'data') {
      if (!byteRate) return undefined;
      // Streamed WAVs may carry a placeholder size (0 or 0xFFFFFFFF): trust the bytes actually present.
      const available = wav.length - (at + 8);
      const bytes = size === 0 || size > available ? available : size;
      return bytes / byteRate;
    }
    at += 8 + size + (size % 2); // chunks are word-aligned
  }
  return undefined;
}
