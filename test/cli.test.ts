import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli-commands.js';

const CLI = new URL('../bin/dutygraph.js', import.meta.url).pathname;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the CLI’s front', () => {
  it('lists every command it runs', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    const listed = [...stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]).filter((name) => !/^[A-Z]/.test(name));
    expect(listed.sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it('answers a mistyped command with the one meant, once, and exit code 2', async () => {
    const typo = await cli(['ingets', 'a.txt']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('dutygraph: unknown command "ingets"; did you mean "ingest"?');
    expect(typo.stderr.match(/unknown command/g)).toHaveLength(1);
    const far = await cli(['frobnicate']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/unknown command "frobnicate"\n/);
    expect(far.stderr).not.toContain('did you mean');
  });
});
