import { mintToken } from '@saldo/kit/testing';
import { chargeInput, startBillingForTest, type ChargeData, type TestBilling } from './helpers';

let b: TestBilling;
let base: string;
beforeAll(async () => {
  b = await startBillingForTest('billing_pdf');
  base = b.subgraph.url.replace(/\/graphql$/, '');
});
afterAll(() => b.stop());

function created(result: { data?: { createCharge: ChargeData } | null; errors?: unknown }) {
  if (!result.data) throw new Error(`createCharge failed: ${JSON.stringify(result.errors)}`);
  return result.data.createCharge;
}

const pdfPath = (id: string) => `${base}/charges/${id}/boleto.pdf`;

/** The subgraph URL for a charge's email link (the router serves it under /billing). */
function signedUrl(
  charge: ChargeData,
  tamper?: (p: URLSearchParams) => void,
  id = charge.id,
): string {
  const link = new URL(charge.boleto!.pdfUrl);
  const params = new URLSearchParams();
  params.set('exp', link.searchParams.get('exp') ?? '');
  params.set('sig', link.searchParams.get('sig') ?? '');
  tamper?.(params);
  return `${pdfPath(id)}?${params.toString()}`;
}

/** What the router sends with a payer's link: its signed, anonymous identity. */
const anonymous = async () => ({
  authorization: `Bearer ${await mintToken('billing', { sub: null, scopes: [] })}`,
});

describe('GET /charges/:id/boleto.pdf', () => {
  it('serves the PDF to the payer with the signed link and to the owner with a token', async () => {
    const owner = await b.beneficiary();
    const charge = created(await owner.createCharge(chargeInput('PDF-1')));

    const payer = await fetch(signedUrl(charge), { headers: await anonymous() });
    expect(payer.status).toBe(200);
    expect(payer.headers.get('content-type')).toBe('application/pdf');
    const body = Buffer.from(await payer.arrayBuffer());
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const token = await mintToken('billing', { sub: owner.userId, scopes: ['billing:read'] });
    const mine = await fetch(pdfPath(charge.id), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(mine.status).toBe(200);
  });

  it('refuses a tampered link (403), strangers (404), no identity (401), unknown ids (404)', async () => {
    const owner = await b.beneficiary();
    const charge = created(await owner.createCharge(chargeInput('PDF-2')));
    const headers = await anonymous();
    // Without the router's identity, even a valid link is refused.
    expect((await fetch(signedUrl(charge))).status).toBe(401);
    const tampered = await fetch(
      signedUrl(charge, (p) => p.set('exp', '9999999999')),
      {
        headers,
      },
    );
    expect(tampered.status).toBe(403);
    const badSig = await fetch(
      signedUrl(charge, (p) => p.set('sig', 'AAAA')),
      { headers },
    );
    expect(badSig.status).toBe(403);
    const otherCharge = created(await owner.createCharge(chargeInput('PDF-3')));
    const swapped = await fetch(signedUrl(charge, undefined, otherCharge.id), { headers });
    expect(swapped.status).toBe(403);

    const stranger = await mintToken('billing', { sub: b.as().userId, scopes: ['billing:read'] });
    const theirs = await fetch(pdfPath(charge.id), {
      headers: { authorization: `Bearer ${stranger}` },
    });
    expect(theirs.status).toBe(404);
    expect((await fetch(pdfPath(charge.id))).status).toBe(401);
    expect((await fetch(pdfPath(charge.id), { headers })).status).toBe(401);
    expect((await fetch(pdfPath('not-an-id'), { headers })).status).toBe(404);
  });
});
