import { creditToCarry, InvoiceStatus, statusOf, type InvoiceFacts } from './invoice-state';

describe('invoice status and carried credit', () => {
  const dueDate = '2026-04-10';
  const cases: {
    name: string;
    facts: Omit<InvoiceFacts, 'dueDate'>;
    today: string;
    status: InvoiceStatus;
    carry: bigint;
  }[] = [
    {
      name: 'open, even when paid beyond its total',
      facts: { closed: false, total: 30000n, paid: 35000n },
      today: '2026-03-05',
      status: InvoiceStatus.OPEN,
      carry: 0n,
    },
    {
      name: 'closed with nothing paid',
      facts: { closed: true, total: 30000n, paid: 0n },
      today: '2026-04-01',
      status: InvoiceStatus.CLOSED,
      carry: 0n,
    },
    {
      name: 'partial payment: R$ 100.00 of R$ 300.00',
      facts: { closed: true, total: 30000n, paid: 10000n },
      today: '2026-04-10',
      status: InvoiceStatus.PARTIALLY_PAID,
      carry: 0n,
    },
    {
      name: 'partial payment after the due date is overdue',
      facts: { closed: true, total: 30000n, paid: 10000n },
      today: '2026-04-11',
      status: InvoiceStatus.OVERDUE,
      carry: 0n,
    },
    {
      name: 'paid exactly',
      facts: { closed: true, total: 30000n, paid: 30000n },
      today: '2026-04-20',
      status: InvoiceStatus.PAID,
      carry: 0n,
    },
    {
      name: 'overpayment of R$ 50.01 carries to the next invoice',
      facts: { closed: true, total: 30000n, paid: 35001n },
      today: '2026-04-01',
      status: InvoiceStatus.PAID,
      carry: 5001n,
    },
    {
      name: 'refunds beyond the charges (total -20.00) carry too',
      facts: { closed: true, total: -2000n, paid: 0n },
      today: '2026-04-01',
      status: InvoiceStatus.PAID,
      carry: 2000n,
    },
    {
      name: 'an empty invoice is paid when it closes',
      facts: { closed: true, total: 0n, paid: 0n },
      today: '2026-04-01',
      status: InvoiceStatus.PAID,
      carry: 0n,
    },
    {
      name: 'after carrying out, the invoice is settled (total = paid)',
      facts: { closed: true, total: 35001n, paid: 35001n },
      today: '2026-04-01',
      status: InvoiceStatus.PAID,
      carry: 0n,
    },
  ];

  it.each(cases)('$name', ({ facts, today, status, carry }) => {
    expect(statusOf({ ...facts, dueDate }, today)).toBe(status);
    expect(creditToCarry({ ...facts, dueDate })).toBe(carry);
  });
});
