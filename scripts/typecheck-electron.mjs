// Type-checks the Electron shell and preload. Their types come from the `electron` package, which npm leaves
// out where the Electron binary cannot be downloaded; there the check is skipped and says so.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

try {
  createRequire(import.meta.url).resolve('electron/package.json');
} catch {
  console.log('typecheck: skipped src/main/electron and src/preload (electron is not installed on this machine)');
  process.exit(0);
}
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.electron.json'], {
  stdio: 'inherit',
});
