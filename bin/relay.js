#!/usr/bin/env node
// Runs the sync relay's TypeScript CLI through tsx's loader, like bin/engram.js does for the app.
import { register } from 'tsx/esm/api';

register();
await import('../src/sync-server/cli.ts');
