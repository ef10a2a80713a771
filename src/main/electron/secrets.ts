/**
 * Secrets (providers' API keys) encrypted with the OS keychain through safeStorage, kept in a file in the
 * user-data folder. Nothing is stored when the OS offers no encryption, rather than storing it in clear.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';

export class SecretStore {
  private readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, 'secrets.json');
  }

  set(name: string, value: string): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('This system offers no secure storage (keychain), so the secret was not saved');
    }
    const all = this.readAll();
    all[name] = safeStorage.encryptString(value).toString('base64');
    this.writeAll(all);
  }

  get(name: string): string | undefined {
    const sealed = this.readAll()[name];
    return sealed ? safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined;
  }

  has(name: string): boolean {
    return name in this.readAll();
  }

  delete(name: string): void {
    const all = this.readAll();
    delete all[name];
    this.writeAll(all);
  }

  private readAll(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private writeAll(all: Record<string, string>): void {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
