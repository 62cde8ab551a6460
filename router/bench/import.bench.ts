// pnpm bench:import — a generated 100,000-row OFX and CSV through the running system
// (router, identity, ledger, import as their own processes): upload -> PREVIEW, then
// confirm -> COMPLETED (entries in the ledger); peak RSS of the router and the import.
// One JSON line per file.
import { readFileSync } from 'node:fs';
import { emit, round } from './common';
import { startSystem } from './system';

const ROWS = Number(process.env['ROWS'] ?? 100_000);

async function gql<T>(url: string, query: string, variables: object, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const amount = (i: number, decimal: string) => {
  const cents = ((i * 7919) % 100_000) - 50_000 || 1;
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}${decimal}${String(abs % 100).padStart(2, '0')}`;
};
const day = (i: number) => String((i % 28) + 1).padStart(2, '0');

function ofx(rows: number): Buffer {
  const parts = [
    'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nENCODING:USASCII\nCHARSET:1252\n\n<OFX>\n',
    '<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>BRL\n',
    '<BANKACCTFROM><BANKID>0341<BRANCHID>0001<ACCTID>12345-6<ACCTTYPE>CHECKING</BANKACCTFROM>\n<BANKTRANLIST>\n',
  ];
  for (let i = 0; i < rows; i += 1) {
    parts.push(
      `<STMTTRN>\n<TRNTYPE>OTHER\n<DTPOSTED>202401${day(i)}120000[-3:BRT]\n<TRNAMT>${amount(i, ',')}\n` +
        `<FITID>${1_000_000 + i}\n<MEMO>COMPRA LOJA ${i % 977}\n</STMTTRN>\n`,
    );
  }
  parts.push('</BANKTRANLIST>\n</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n');
  return Buffer.from(parts.join(''), 'latin1');
}

function csv(rows: number): Buffer {
  const parts = ['Data;Histórico;Descrição;Valor;Saldo\n'];
  for (let i = 0; i < rows; i += 1) {
    parts.push(
      `${day(i)}/02/2024;Pix enviado;"Loja ${i % 977}; ${i}";${amount(i, ',')};1.000,00\n`,
    );
  }
  return Buffer.from(parts.join(''), 'utf8');
}

/** Peak resident set of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

interface Job {
  id: string;
  status: string;
  errors: { message: string }[];
  totals: { rows: number; imported: number };
}
const JOB = 'id status errors { message } totals { rows imported }';

async function importFile(
  url: string,
  token: string,
  accountId: string,
  format: string,
  file: Buffer,
): Promise<Record<string, unknown>> {
  const started = performance.now();
  const upload = await fetch(url.replace(/\/graphql$/, '/uploads'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-filename': `bench.${format.toLowerCase()}` },
    body: file,
  });
  const { fileId } = (await upload.json()) as { fileId: string };
  const { startImport: job } = await gql<{ startImport: Job }>(
    url,
    `mutation($i: StartImportInput!) { startImport(input: $i) { ${JOB} } }`,
    { i: { fileId, accountId, format } },
    token,
  );
  const preview = (performance.now() - started) / 1000;
  if (job.status !== 'PREVIEW') throw new Error(`${format}: ${JSON.stringify(job)}`);
  const confirmed = performance.now();
  await gql(
    url,
    'mutation($id: ID!) { confirmImport(jobId: $id) { status } }',
    { id: job.id },
    token,
  );
  let last: Job = job;
  const deadline = Date.now() + 600_000;
  while (last.status !== 'COMPLETED' && last.status !== 'FAILED' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = (
      await gql<{ importJob: Job }>(
        url,
        `query($id: ID!) { importJob(id: $id) { ${JOB} } }`,
        { id: job.id },
        token,
      )
    ).importJob;
  }
  return {
    bench: 'import',
    format,
    rows: job.totals.rows,
    status: last.status,
    imported: last.totals.imported,
    file_mb: round(file.length / 1_048_576),
    preview_s: round(preview, 2),
    completed_s: round((performance.now() - confirmed) / 1000, 2),
  };
}

async function main() {
  const system = await startSystem({ subgraphs: ['identity', 'ledger', 'import'] });
  // Stopped from outside (Ctrl-C, a timeout): the services and databases go too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void system.stop().finally(() => process.exit(130)));
  }
  try {
    const url = system.routerUrl;
    const { register } = await gql<{ register: { accessToken: string } }>(
      url,
      'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
      {
        i: {
          email: `bench.${Date.now()}@example.com`,
          password: 'correct horse battery 9',
          name: 'Bench',
        },
      },
    );
    const token = register.accessToken;
    for (const [format, file] of [
      ['OFX', ofx(ROWS)],
      ['CSV', csv(ROWS)],
    ] as const) {
      const { createAccount } = await gql<{ createAccount: { id: string } }>(
        url,
        `mutation { createAccount(input: { name: "${format}", type: CHECKING, currency: "BRL" }) { id } }`,
        {},
        token,
      );
      const result = await importFile(url, token, createAccount.id, format, file);
      emit({
        ...result,
        peak_rss_mb: Math.max(
          peakRssMb(system.processes.get('router')?.pid),
          peakRssMb(system.processes.get('import')?.pid),
        ),
        router_peak_rss_mb: peakRssMb(system.processes.get('router')?.pid),
        import_peak_rss_mb: peakRssMb(system.processes.get('import')?.pid),
      });
    }
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  // eslint-disable-next-line no-console -- a bench reports its failure on stderr
  console.error(error);
  process.exit(1);
});
