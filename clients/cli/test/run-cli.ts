import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI (test/build.cjs builds it before the suites). */
export const MAIN = join(__dirname, '..', 'dist', 'main.js');
export const PASSWORD = 'correct horse battery 9';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `saldo <args>` as a child process with only the environment a user would set: its
 * config home (the stored tokens), the router's URL and a pt-BR locale, plus `extra`.
 */
export function cliRunner(home: string, url: () => string) {
  return (args: string[], extra: Record<string, string> = {}) =>
    new Promise<Ran>((resolve) => {
      const child = spawn(process.execPath, [MAIN, ...args], {
        env: {
          PATH: process.env['PATH'] ?? '',
          XDG_CONFIG_HOME: home,
          SALDO_URL: url(),
          LANG: 'pt_BR.UTF-8',
          ...extra,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}
