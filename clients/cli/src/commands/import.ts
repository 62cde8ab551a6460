import { existsSync, statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { ImportFormat, ImportJobPartsFragment } from '@saldo/sdk';
import { pick, type Context } from '../context';
import { CliError } from '../errors';
import type { Lang } from '../format';
import type { Runner } from '../program';

const FORMATS: readonly ImportFormat[] = ['OFX', 'QFX', 'QIF', 'CSV', 'XLSX', 'CAMT053', 'CAMT052'];
const POLL_MS = 300;

const WORDS = {
  'pt-BR': {
    uploading: (name: string) => `Enviando ${name}...`,
    preview: (job: ImportJobPartsFragment) =>
      `Prévia de ${job.filename} (${job.format ?? '?'}): ${job.totals.rows} linhas, ` +
      `${job.totals.new} novas, ${job.totals.duplicates} duplicadas, ${job.totals.invalid} inválidas`,
    errors: 'Linhas com problema:',
    line: (n: number) => `linha ${n}`,
    hint: (id: string) => `Nada foi importado ainda: confirme com --confirm (job ${id}).`,
    completed: (n: number) =>
      n === 1 ? '1 lançamento importado.' : `${n} lançamentos importados.`,
  },
  'en-US': {
    uploading: (name: string) => `Uploading ${name}...`,
    preview: (job: ImportJobPartsFragment) =>
      `Preview of ${job.filename} (${job.format ?? '?'}): ${job.totals.rows} rows, ` +
      `${job.totals.new} new, ${job.totals.duplicates} duplicates, ${job.totals.invalid} invalid`,
    errors: 'Lines with problems:',
    line: (n: number) => `line ${n}`,
    hint: (id: string) => `Nothing imported yet: confirm with --confirm (job ${id}).`,
    completed: (n: number) => (n === 1 ? '1 entry imported.' : `${n} entries imported.`),
  },
} as const;

interface ImportOptions {
  account?: string;
  card?: string;
  format?: ImportFormat;
  statement?: string;
  confirm?: boolean;
  timeout: string;
}

function humanJob(lang: Lang, job: ImportJobPartsFragment, confirmed: boolean): string {
  const w = WORDS[lang];
  const lines: string[] = [w.preview(job)];
  if (job.errors.length > 0) {
    lines.push(w.errors);
    for (const e of job.errors.slice(0, 20)) {
      lines.push(`  ${e.line === null ? '' : `${w.line(e.line)}: `}${e.message}`);
    }
  }
  lines.push(confirmed ? w.completed(job.totals.imported) : w.hint(job.id));
  return lines.join('\n');
}

/** The job's own failure, as one CLI error (exit code 5: the file could not be used). */
function failure(job: ImportJobPartsFragment): CliError {
  const first = job.errors[0];
  const where = first?.line == null ? '' : ` (line ${first.line})`;
  return new CliError(
    'IMPORT_FAILED',
    `${job.filename}: ${first?.message ?? 'the import failed'}${where}`,
  );
}

/** Reads the job until `done` says so; a FAILED or CANCELLED job is an error. */
async function waitFor(
  ctx: Context,
  job: ImportJobPartsFragment,
  done: (status: ImportJobPartsFragment['status']) => boolean,
  deadline: number,
  what: string,
): Promise<ImportJobPartsFragment> {
  let current = job;
  for (;;) {
    if (current.status === 'FAILED') throw failure(current);
    if (current.status === 'CANCELLED')
      throw new CliError('INVALID_STATE', `import job ${current.id} was cancelled`);
    if (done(current.status)) return current;
    if (Date.now() > deadline) {
      throw new CliError(
        'TIMEOUT',
        `import job ${current.id} is still ${current.status} (waiting for ${what}); ` +
          'see it later with the same job id',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = await ctx.client.imports.job({ id: current.id });
  }
}

async function target(ctx: Context, o: ImportOptions) {
  if (o.card) {
    const card = pick(await ctx.client.cards.list(), o.card, 'card');
    return { cardId: card.id };
  }
  const account = pick(await ctx.client.accounts.list(), o.account!, 'account');
  return { accountId: account.id };
}

export function importCommands(program: Command, run: Runner): void {
  const action = run(async (ctx, file: string, o: ImportOptions) => {
    const seconds = Number(o.timeout);
    if (!Number.isInteger(seconds) || seconds < 1) {
      throw new CliError('BAD_USER_INPUT', '--timeout must be a whole number of seconds');
    }
    const deadline = Date.now() + seconds * 1000;
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new CliError('NOT_FOUND', `no file "${file}"`);
    }
    const into = await target(ctx, o);
    if (!ctx.json) ctx.io.stderr(`${WORDS[ctx.lang].uploading(file)}\n`);
    const uploaded = await ctx.client.uploads.put(file);
    const started = await ctx.client.imports.start({
      input: {
        fileId: uploaded.fileId,
        ...into,
        ...(o.format ? { format: o.format } : {}),
        ...(o.statement ? { statementAccountId: o.statement } : {}),
      },
    });
    const preview = await waitFor(ctx, started, (s) => s !== 'PARSING', deadline, 'the preview');
    if (!o.confirm) {
      ctx.print(preview, () => humanJob(ctx.lang, preview, false));
      return;
    }
    const confirming =
      preview.status === 'PREVIEW'
        ? await ctx.client.imports.confirm({ jobId: preview.id })
        : preview;
    const completed = await waitFor(
      ctx,
      confirming,
      (s) => s === 'COMPLETED',
      deadline,
      'the entries to be booked',
    );
    ctx.print(completed, () => humanJob(ctx.lang, completed, true));
  });

  program
    .command('import')
    .description('import a bank or card statement: preview its totals, then --confirm')
    .argument('<file>', 'OFX, QFX, QIF, CSV, XLSX or CAMT file')
    .option('--account <name|id>', 'the account the statement belongs to')
    .option('--card <name|id>', 'the card, for a card statement')
    .addOption(
      new Option('--format <format>', 'the file format (detected when omitted)').choices(FORMATS),
    )
    .option('--statement <id>', 'which statement of a file with several (see --json)')
    .option('--confirm', 'import the rows shown in the preview (duplicates stay out)')
    .option('--timeout <seconds>', 'how long to wait for the preview and the import', '300')
    .action(async (file: string, o: ImportOptions, command: Command) => {
      // Exactly one of --account and --card: anything else is a usage error (exit code 2).
      if (!o.account === !o.card) command.error('error: give --account or --card (not both)');
      await action(file, o, command);
    });
}
