/**
 * URLs for blobs (thumbnails, previews, originals) that a browser can load in an <img> or <video>, which
 * cannot send the API key. Each URL carries an HMAC of the hash under a secret kept in the library: it
 * grants that one blob and cannot be forged or turned into the key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Settings } from '../db/settings';

const SECRET_SETTING = 'media.urlSecret';

export class BlobUrls {
  private secret: string | undefined;

  constructor(private readonly settings: Settings) {}

  url(sha256: string): string {
    return `/api/v1/blobs/${sha256}?sig=${this.sign(sha256)}`;
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
