// npm start: build when the sources are newer than the build, seed when needed, serve
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'dist/src/cli.js';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stale = !existsSync(built) || Math.max(newest('src'), statSync('mikro-orm.config.ts').mtimeMs, statSync('tsconfig.json').mtimeMs) > statSync(built).mtimeMs;
if (stale) {
  process.stdout.write('building …\n');
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
const serve = spawnSync(process.execPath, [built, 'serve', '--seed', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(serve.status ?? 0);
