import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli-commands.js';

const CLI = new URL('../bin/dutygraph.js', import.meta.url).pathname;

// names on stderr every module of ours the process loads
const WATCH_LOADS = new URL('./support/watch-loads.mjs', import.meta.url).pathname;

async function cli(args: string[], nodeOptions: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...nodeOptions, CLI, ...args]);
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

  it('answers every command’s --help, and a bad option, before loading any command’s code', async () => {
    const loaded = (stderr: string) => [...stderr.matchAll(/^loaded file:\/\/.*\/(src\/[\w/.-]+)$/gm)].map((m) => m[1]);
    for (const name of Object.keys(COMMANDS)) {
      const help = await cli([name, '--help'], ['--import', WATCH_LOADS]);
      expect(help.code, name).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: dutygraph ${name}`));
      expect(loaded(help.stderr), `${name} --help loads only the front`).toEqual(expect.arrayContaining(['src/cli.js', 'src/cli-help.js']));
      expect(loaded(help.stderr).filter((m) => !/^src\/(cli|cli-help|cli-errors|defaults|gen\/scales)\.js$/.test(m)), name).toEqual([]);
    }
    const bad = await cli(['export', '--bogus'], ['--import', WATCH_LOADS]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage: dutygraph export/);
    expect(loaded(bad.stderr)).not.toContain('src/cli-commands.js');
  });
});
