import {
  createInternalSigner,
  generateInternalKeyPair,
  USER_SCOPES,
  type InternalClaims,
} from '../auth';

/** One router key pair per test process, standing in for the router's. */
export const testKeys = generateInternalKeyPair();
export const TEST_ISSUER = 'saldo-router';

let signer: ReturnType<typeof createInternalSigner> | null = null;

/** Mints the internal identity token the router would attach for `audience`. */
export async function mintToken(
  audience: string,
  claims: Partial<InternalClaims> & { sub: string | null },
  ttlSeconds = 60,
): Promise<string> {
  signer ??= createInternalSigner(testKeys.privateKey, TEST_ISSUER);
  const sign = await signer;
  return sign(audience, { scopes: USER_SCOPES, ...claims }, ttlSeconds);
}
