import { ManualClock } from '@saldo/kit';
import { OverdueSweeper } from '../src/charges/overdue.sweeper';
import { chargeInput, startBillingForTest, type ChargeData, type TestBilling } from './helpers';

const clock = new ManualClock('2026-12-20T12:00:00Z');
let b: TestBilling;
let sweeper: OverdueSweeper;
beforeAll(async () => {
  b = await startBillingForTest('billing_overdue', { BILLING_OVERDUE_INTERVAL_MS: 0 }, { clock });
  sweeper = new OverdueSweeper(b.subgraph.orm, clock, b.subgraph.log);
});
afterAll(() => b.stop());

function created(result: { data?: { createCharge: ChargeData } | null; errors?: unknown }) {
  if (!result.data) throw new Error(`createCharge failed: ${JSON.stringify(result.errors)}`);
  return result.data.createCharge;
}

it("turns open charges OVERDUE the day after the due date in the beneficiary's zone", async () => {
  const saoPaulo = await b.beneficiary(); // the caller's zone: America/Sao_Paulo (UTC-3)
  const tokyo = await b.beneficiary();
  await b.publish('identity.user.updated', tokyo.userId, {
    userId: tokyo.userId,
    email: 'tokyo@example.com',
    name: 'T',
    timeZone: 'Asia/Tokyo',
    locale: 'pt-BR',
  });
  const sp = created(await saoPaulo.createCharge(chargeInput('O-1')));
  const spPaid = created(await saoPaulo.createCharge(chargeInput('O-2')));
  await saoPaulo.pay({ chargeId: spPaid.id, amount: '150.75', date: '2026-12-20' });
  const tk = created(await tokyo.createCharge(chargeInput('O-1')));
  const status = async (api: typeof saoPaulo, id: string) =>
    (await api.charge(id)).data?.charge.status;

  // 2026-12-20 23:59 in Tokyo: nothing is due yet anywhere.
  clock.set('2026-12-20T14:59:00Z');
  expect(await sweeper.runOnce()).toBe(0);
  // 2026-12-21 00:00 in Tokyo, still the 20th in São Paulo.
  clock.set('2026-12-20T15:00:00Z');
  expect(await sweeper.runOnce()).toBe(1);
  expect(await status(tokyo, tk.id)).toBe('OVERDUE');
  expect(await status(saoPaulo, sp.id)).toBe('ISSUED');
  // 23:59 on the 20th in São Paulo, then midnight.
  clock.set('2026-12-21T02:59:00Z');
  expect(await sweeper.runOnce()).toBe(0);
  clock.set('2026-12-21T03:00:00Z');
  expect(await sweeper.runOnce()).toBe(1);
  expect(await status(saoPaulo, sp.id)).toBe('OVERDUE');
  expect(await status(saoPaulo, spPaid.id)).toBe('PAID');
  // Idempotent; an overdue charge can still be paid.
  expect(await sweeper.runOnce()).toBe(0);
  const paid = await saoPaulo.pay({ chargeId: sp.id, amount: '150.75', date: '2026-12-22' });
  expect(paid.data?.registerChargePayment.status).toBe('PAID');
});
