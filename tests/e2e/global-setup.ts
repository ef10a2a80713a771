/** Builds the renderer when there is no build yet (`npm run test:e2e` always rebuilds first). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './server';

export default function globalSetup(): void {
  if (fs.existsSync(path.join(repoRoot, 'out/renderer/index.html'))) return;
  execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
}
