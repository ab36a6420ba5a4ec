import { execFileSync } from 'node:child_process';

/** whether a program from Debian (soffice, tesseract …) runs on this machine */
export function installed(program: string, versionFlag = '--version'): boolean {
  try {
    execFileSync(program, [versionFlag], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
