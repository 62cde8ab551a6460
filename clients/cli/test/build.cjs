// Builds @saldo/sdk and @saldo/cli before the CLI tests spawn `node dist/main.js`.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function build() {
  const root = path.join(__dirname, '..', '..', '..');
  const run = (bin, args, cwd) =>
    execFileSync(process.execPath, [require.resolve(bin, { paths: [cwd] }), ...args], {
      cwd,
      stdio: 'inherit',
    });
  const sdk = path.join(root, 'clients', 'sdk');
  const cli = path.join(root, 'clients', 'cli');
  run('typescript/bin/tsc', ['-p', 'tsconfig.build.json'], sdk);
  run(
    '@swc/cli/bin/swc.js',
    [
      'src',
      '-d',
      'dist',
      '--strip-leading-paths',
      '--config-file',
      '../../.swcrc',
      '-q',
      '--ignore',
      '**/*.test.ts',
    ],
    cli,
  );
};
