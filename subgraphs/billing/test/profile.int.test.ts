import { errorCode } from '@saldo/kit/testing';
import { COMPLETE_PROFILE, startBillingForTest, type TestBilling } from './helpers';

let b: TestBilling;
beforeAll(async () => {
  b = await startBillingForTest('billing_profile');
});
afterAll(() => b.stop());

describe('billing profile', () => {
  it('starts empty and incomplete, listing every required field', async () => {
    const p = await b.as().profile();
    expect(p['complete']).toBe(false);
    expect(p['missing']).toEqual([
      'beneficiaryName',
      'beneficiaryDocument',
      'bankCode',
      'agency',
      'account',
      'wallet',
      'pixKey',
      'receivingAccountId',
      'senderName',
    ]);
  });

  it('takes partial updates and becomes complete', async () => {
    const api = b.as();
    const first = await api.updateProfile({ beneficiaryName: 'Loja', senderName: 'Loja X' });
    expect(first.errors).toBeUndefined();
    expect(first.data?.updateBillingProfile['missing']).not.toContain('beneficiaryName');
    const done = await api.updateProfile(COMPLETE_PROFILE);
    expect(done.data?.updateBillingProfile).toMatchObject({
      complete: true,
      missing: [],
      problems: [],
      beneficiaryDocument: '11222333000181',
    });
    // A later partial update keeps the rest.
    await api.updateProfile({ senderName: 'Outro Nome' });
    expect(await api.profile()).toMatchObject({ senderName: 'Outro Nome', complete: true });
    // An empty string clears a field.
    await api.updateProfile({ pixKey: '' });
    expect(await api.profile()).toMatchObject({
      pixKey: null,
      complete: false,
      missing: ['pixKey'],
    });
  });

  it.each([
    ['beneficiaryDocument', '123.456.789-00'],
    ['bankCode', '999'],
    ['pixKey', 'not a key'],
    ['receivingAccountId', 'abc'],
    ['agency', '12 34!'],
    ['beneficiaryName', 'x'.repeat(200)],
  ])('refuses an invalid %s with BAD_USER_INPUT naming it', async (field, value) => {
    const api = b.as();
    const result = await api.updateProfile({ [field]: value });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.['field']).toBe(field);
    expect(await api.profile()).toMatchObject({ [field]: null });
  });

  it("keeps users' profiles apart", async () => {
    const a = await b.beneficiary();
    const other = b.as();
    expect(await other.profile()).toMatchObject({ beneficiaryName: null, complete: false });
    expect(await a.profile()).toMatchObject({ complete: true });
  });

  it('needs the billing scopes and the router identity', async () => {
    const readOnly = b.as(undefined, ['billing:read']);
    expect(errorCode(await readOnly.updateProfile({ senderName: 'x' }))).toBe('FORBIDDEN');
    const none = b.as(undefined, ['ledger:read']);
    expect(errorCode(await none.request('{ billingProfile { complete } }'))).toBe('FORBIDDEN');
    const anonymous = await b.t.client.request('{ billingProfile { complete } }');
    expect(anonymous.data ?? null).toBeNull();
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(errorCode(anonymous));
    const forged = await b.t.client
      .withAuthorization('Bearer not.a.token')
      .request('{ billingProfile { complete } }');
    expect(forged.data ?? null).toBeNull();
    expect(forged.errors?.length).toBeGreaterThan(0);
  });

  it('answers /ready', async () => {
    const response = await fetch(b.subgraph.url.replace(/\/graphql$/, '/ready'));
    expect(response.status).toBe(200);
  });
});
