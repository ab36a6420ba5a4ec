// Formats only LibreOffice reads well (.wps, old .doc variants, .xls): converted headless to
// their Office Open XML twin, then read like a .docx or .xlsx.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, withScratch } from './tools.js';

export const CONVERT_SECONDS = 120;

/** the file converted by LibreOffice to `target` (docx, xlsx), as bytes */
export function convertWithLibreOffice(bytes: Buffer, extension: string, target: 'docx' | 'xlsx'): Promise<Buffer> {
  return withScratch(async (dir) => {
    const input = join(dir, `input${extension}`);
    await writeFile(input, bytes);
    // a profile of its own: a LibreOffice the user has open, or another conversion, cannot block this one
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', target, '--outdir', dir, input], { timeoutSeconds: CONVERT_SECONDS });
    try {
      return await readFile(join(dir, `input.${target}`));
    } catch {
      throw new Error(`LibreOffice could not convert it to .${target}`);
    }
  });
}
