#!/usr/bin/env node
// the CLI is compiled by `npm install` (prepare) or `npm run build`
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('dutygraph: not built yet; run "npm run build" in the package folder\n');
  process.exit(2);
}
await import(cli);
