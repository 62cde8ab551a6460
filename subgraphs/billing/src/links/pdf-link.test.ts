import { PdfLinkSigner } from './pdf-link';

const signer = new PdfLinkSigner('x'.repeat(40), 'https://saldo.example/');
const id = '0190a0b0-0000-7000-8000-000000000001';
const now = new Date('2026-03-01T00:00:00Z');

function parts(url: string) {
  const u = new URL(url);
  return { path: u.pathname, exp: u.searchParams.get('exp'), sig: u.searchParams.get('sig') };
}

describe('PdfLinkSigner', () => {
  it('signs a link that verifies until it expires', () => {
    const link = parts(signer.url(id, new Date('2026-03-02T00:00:00Z')));
    expect(link.path).toBe(`/billing/charges/${id}/boleto.pdf`);
    expect(signer.verify(id, link.exp, link.sig, now)).toBe(true);
    expect(signer.verify(id, link.exp, link.sig, new Date('2026-03-02T00:00:01Z'))).toBe(false);
  });

  it('refuses another charge, a changed expiry, another secret or a missing signature', () => {
    const link = parts(signer.url(id, new Date('2026-03-02T00:00:00Z')));
    expect(signer.verify(id.replace(/1$/, '2'), link.exp, link.sig, now)).toBe(false);
    expect(signer.verify(id, String(Number.parseInt(link.exp ?? '0', 10) + 1), link.sig, now)).toBe(
      false,
    );
    const other = new PdfLinkSigner('y'.repeat(40), 'https://saldo.example');
    expect(other.verify(id, link.exp, link.sig, now)).toBe(false);
    expect(signer.verify(id, link.exp, null, now)).toBe(false);
    expect(signer.verify(id, 'abc', link.sig, now)).toBe(false);
  });
});
