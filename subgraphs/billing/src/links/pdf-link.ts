import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to a charge's boleto PDF (the ones in payers' emails):
 * `sig` = HMAC-SHA256(secret, "<chargeId>.<exp>") in base64url, `exp` in Unix seconds.
 */
export class PdfLinkSigner {
  constructor(
    private readonly secret: string,
    private readonly publicUrl: string,
  ) {}

  private mac(chargeId: string, exp: number): Buffer {
    return createHmac('sha256', this.secret).update(`${chargeId}.${exp}`).digest();
  }

  /** The link, valid until `expiresAt`. */
  url(chargeId: string, expiresAt: Date): string {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const sig = this.mac(chargeId, exp).toString('base64url');
    const base = this.publicUrl.replace(/\/+$/, '');
    return `${base}/billing/charges/${chargeId}/boleto.pdf?exp=${exp}&sig=${sig}`;
  }

  /** Whether `exp`/`sig` (as received) are a valid, unexpired signature for the charge. */
  verify(chargeId: string, exp: string | null, sig: string | null, now: Date): boolean {
    if (exp === null || sig === null || !/^\d{1,12}$/.test(exp)) return false;
    const seconds = Number.parseInt(exp, 10);
    if (seconds * 1000 <= now.getTime()) return false;
    const expected = this.mac(chargeId, seconds);
    const given = Buffer.from(sig, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
