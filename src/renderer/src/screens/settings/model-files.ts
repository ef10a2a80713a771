/** The "URL PATH SHA256" lines of Settings → Model files, as `models.download` takes them. */
export interface ModelFile {
  url: string;
  path: string;
  sha256: string;
}

export function parseModelFiles(text: string): { files: ModelFile[] } | { error: string } {
  const files: ModelFile[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const [url, path, sha256, ...rest] = line.split(/\s+/);
    if (!url || !path || !sha256 || rest.length) return { error: `Line ${i + 1}: write the address, the path in the folder and the SHA-256, separated by spaces` };
    if (!/^https?:\/\//i.test(url)) return { error: `Line ${i + 1}: the address must start with http:// or https://` };
    if (!/^[0-9a-f]{64}$/i.test(sha256)) return { error: `Line ${i + 1}: a SHA-256 is 64 hexadecimal characters` };
    files.push({ url, path, sha256: sha256.toLowerCase() });
  }
  return lines.length ? { files } : { error: 'Add at least one file' };
}
