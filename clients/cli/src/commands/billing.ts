import type { Command } from 'commander';
import type { BillingProfilePartsFragment, ChargePartsFragment, ChargeStatus } from '@saldo/sdk';
import type { Context } from '../context';
import { CliError } from '../errors';
import { day, money } from '../format';
import type { Runner } from '../program';

const STATUSES = ['PENDING', 'ISSUED', 'SENT', 'PAID', 'OVERDUE', 'CANCELLED', 'FAILED'];

const WORDS = {
  'pt-BR': {
    debt: 'Dívida',
    payer: 'Pagador',
    amount: 'Valor',
    due: 'Vencimento',
    status: 'Situação',
    empty: 'Nenhuma cobrança.',
    complete: 'Perfil completo: cobranças podem ser emitidas.',
    missing: (f: string) => `Falta preencher: ${f}`,
    problems: (p: string) => `O banco recusa: ${p}`,
    line: 'Linha digitável',
    pix: 'PIX copia e cola',
    pdf: 'PDF',
  },
  'en-US': {
    debt: 'Debt',
    payer: 'Payer',
    amount: 'Amount',
    due: 'Due',
    status: 'Status',
    empty: 'No charges.',
    complete: 'Profile complete: charges can be issued.',
    missing: (f: string) => `Still to fill in: ${f}`,
    problems: (p: string) => `The bank refuses: ${p}`,
    line: 'Boleto line',
    pix: 'PIX copy and paste',
    pdf: 'PDF',
  },
} as const;

function profileText(ctx: Context, p: BillingProfilePartsFragment): string {
  const w = WORDS[ctx.lang];
  const rows = Object.entries(p)
    .filter(([k]) => !['complete', 'missing', 'problems'].includes(k))
    .map(([k, v]) => `${k}: ${v === null ? '-' : String(v)}`);
  if (p.complete) rows.push(w.complete);
  if (p.missing.length > 0) rows.push(w.missing(p.missing.join(', ')));
  if (p.problems.length > 0) rows.push(w.problems(p.problems.join('; ')));
  return rows.join('\n');
}

function chargeText(ctx: Context, c: ChargePartsFragment): string {
  const w = WORDS[ctx.lang];
  const lines = [
    `${c.debtId} · ${c.payer.name} <${c.payer.email}> · ${money(ctx.lang, c.amount)} · ${day(ctx.lang, c.dueDate)} · ${c.status}`,
    `id: ${c.id}`,
  ];
  if (c.boleto) lines.push(`${w.line}: ${c.boleto.digitableLine}`, `${w.pdf}: ${c.boleto.pdfUrl}`);
  if (c.pix) lines.push(`${w.pix}: ${c.pix.brCode}`);
  if (c.failureReason) lines.push(`! ${c.failureReason}`);
  if (c.ledgerRejection) lines.push(`! ${c.ledgerRejection}`);
  return lines.join('\n');
}

function status(value: string | undefined): ChargeStatus | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!STATUSES.includes(upper)) {
    throw new CliError('USAGE', `--status must be one of ${STATUSES.join(', ')}`);
  }
  return upper as ChargeStatus;
}

interface ProfileOptions {
  beneficiaryName?: string;
  document?: string;
  bank?: string;
  agency?: string;
  account?: string;
  wallet?: string;
  agreement?: string;
  pixKey?: string;
  receivingAccount?: string;
  senderName?: string;
}

/** `saldo billing ...`: the billing profile and charges (boletos with PIX). */
export function billingCommands(program: Command, run: Runner): void {
  const billing = program
    .command('billing')
    .description('charges to your customers: boletos with PIX, emailed to payers');

  billing
    .command('profile')
    .description('show your billing profile and what it still lacks')
    .action(
      run(async (ctx) => {
        const profile = await ctx.client.billing.profile();
        ctx.print(profile, () => profileText(ctx, profile));
      }),
    );

  billing
    .command('set-profile')
    .description('change the fields given (an empty value clears one)')
    .option('--beneficiary-name <name>')
    .option('--document <cpf|cnpj>', 'the beneficiary CPF or CNPJ')
    .option('--bank <code>', 'FEBRABAN bank code: 001 (Banco do Brasil) or 237 (Bradesco)')
    .option('--agency <n>')
    .option('--account <n>')
    .option('--wallet <n>', 'carteira')
    .option('--agreement <n>', 'convênio')
    .option('--pix-key <key>')
    .option('--receiving-account <id>', 'ledger account paid charges are booked in')
    .option('--sender-name <name>', 'the name payers see on emails')
    .action(
      run(async (ctx, o: ProfileOptions) => {
        const profile = await ctx.client.billing.updateProfile({
          input: {
            beneficiaryName: o.beneficiaryName,
            beneficiaryDocument: o.document,
            bankCode: o.bank,
            agency: o.agency,
            account: o.account,
            wallet: o.wallet,
            agreement: o.agreement,
            pixKey: o.pixKey,
            receivingAccountId: o.receivingAccount,
            senderName: o.senderName,
          },
        });
        ctx.print(profile, () => profileText(ctx, profile));
      }),
    );

  billing
    .command('charges')
    .description('your charges, newest first')
    .option('--status <status>', STATUSES.join(' | '))
    .option('--search <text>', 'payer name, email, document or debt id')
    .option('--limit <n>', 'at most n charges (500 at most)', '50')
    .action(
      run(async (ctx, o: { status?: string; search?: string; limit: string }) => {
        const page = await ctx.client.billing.charges({
          first: Number(o.limit),
          filter: { status: status(o.status), search: o.search },
        });
        const items = page.edges.map((e) => e.node);
        const w = WORDS[ctx.lang];
        ctx.print(items, () =>
          items.length === 0
            ? w.empty
            : ctx.table(
                [w.debt, w.payer, w.amount, w.due, w.status],
                items.map((c) => [
                  c.debtId,
                  c.payer.name,
                  money(ctx.lang, c.amount),
                  day(ctx.lang, c.dueDate),
                  c.status,
                ]),
                [2],
              ),
        );
      }),
    );

  billing
    .command('charge <id>')
    .description('one charge, with its boleto line, PIX code and PDF link')
    .action(
      run(async (ctx, id: string) => {
        const charge = await ctx.client.billing.charge({ id });
        ctx.print(charge, () => chargeText(ctx, charge));
      }),
    );

  billing
    .command('create')
    .description(
      'issue one charge and email it to the payer (the same --debt-id never issues twice)',
    )
    .requiredOption('--debt-id <id>')
    .requiredOption('--payer-name <name>')
    .requiredOption('--payer-document <cpf|cnpj>')
    .requiredOption('--payer-email <email>')
    .requiredOption('--amount <decimal>', 'e.g. 150.00')
    .requiredOption('--due <date>', 'YYYY-MM-DD')
    .action(
      run(
        async (
          ctx,
          o: {
            debtId: string;
            payerName: string;
            payerDocument: string;
            payerEmail: string;
            amount: string;
            due: string;
          },
        ) => {
          const charge = await ctx.client.billing.createCharge({
            input: {
              debtId: o.debtId,
              payer: { name: o.payerName, governmentId: o.payerDocument, email: o.payerEmail },
              amount: o.amount.replace(',', '.'),
              dueDate: o.due,
            },
          });
          ctx.print(charge, () => chargeText(ctx, charge));
        },
      ),
    );

  billing
    .command('cancel <id>')
    .description('cancel a charge not yet paid')
    .action(
      run(async (ctx, id: string) => {
        const charge = await ctx.client.billing.cancelCharge({ id });
        ctx.print(charge, () => chargeText(ctx, charge));
      }),
    );

  billing
    .command('resend <id>')
    .description('email the charge to its payer again')
    .action(
      run(async (ctx, id: string) => {
        const charge = await ctx.client.billing.resendCharge({ id });
        ctx.print(charge, () => chargeText(ctx, charge));
      }),
    );

  billing
    .command('pay <id>')
    .description('register a payment received outside Saldo (booked as income)')
    .requiredOption('--amount <decimal>')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .action(
      run(async (ctx, id: string, o: { amount: string; date: string }) => {
        const charge = await ctx.client.billing.registerPayment({
          input: { chargeId: id, amount: o.amount.replace(',', '.'), date: o.date },
        });
        ctx.print(charge, () => chargeText(ctx, charge));
      }),
    );
}
