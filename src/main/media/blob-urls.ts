/**
 * URLs for blobs (thumbnails, previews, originals) that a browser can load in an <img> or <video>, which
 * cannot send the API key. Each URL carries an HMAC of the hash under a secret kept in the library: it
 * grants that one blob and cannot be forged or turned into the key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Settings } from '../db/settings';

const SECRET_SETTING = 'media.urlSecret';

/** Where HTTP serves blobs; the desktop app serves the same signed URLs on its own scheme instead. */
export const HTTP_BLOB_BASE = '/api/v1/blobs/';

export class BlobUrls {
  private secret: string | undefined;
  private base = HTTP_BLOB_BASE;

  constructor(private readonly settings: Settings) {}

  /** Sets the prefix URLs are made with (the desktop app's `engram-media://blob/`). */
  useBase(base: string): void {
    this.base = base;
  }

  url(sha256: string): string {
    return `${this.base}${sha256}?sig=${this.sign(sha256)}`;
  }

  verify(sha256: string, sig: string | undefined): boolean {
    if (!sig) return false;
    const a = Buffer.from(this.sign(sha256));
    const b = Buffer.from(sig);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private sign(sha256: string): string {
    return createHmac('sha256', this.key()).update(sha256).digest('base64url').slice(0, 32);
  }

  private key(): string {
    this.secret ??= this.settings.get<string>(SECRET_SETTING);
    if (!this.secret) {
      this.secret = randomBytes(32).toString('base64url');
      this.settings.set(SECRET_SETTING, this.secret);
    }
    return this.secret;
  }
}
