// Programs from Debian that some formats need (LibreOffice, poppler, tesseract): run with a time
// limit and bounded output; when one is missing, the error names the package that provides it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class MissingToolError extends Error {}

const PACKAGES: Record<string, string> = {
  soffice: 'libreoffice-writer-nogui (and libreoffice-calc-nogui for spreadsheets)',
  pdftoppm: 'poppler-utils',
  tesseract: 'tesseract-ocr and tesseract-ocr-chi-sim',
};

/** runs a program; rejects with MissingToolError (naming the Debian package) when it is not installed */
export function run(program: string, args: string[], options: { timeoutSeconds: number; cwd?: string; maxBuffer?: number }): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: options.timeoutSeconds * 1000, cwd: options.cwd, maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, killSignal: 'SIGKILL', encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new MissingToolError(`${program} is not installed: apt-get install ${PACKAGES[program] ?? program}`));
      if (error.killed) return reject(new Error(`${program} took longer than ${options.timeoutSeconds} s`));
      reject(new Error(`${program} failed: ${(stderr || error.message).trim().split('\n').slice(-1)[0]}`));
    });
  });
}

/** a private scratch folder, removed afterwards whatever happens */
export async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dutygraph-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
