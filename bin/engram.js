#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the same sources serve the CLI, `engram serve` and tests.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli/index.ts');
