import { releaseTime } from './quiet-hours';

const SP = 'America/Sao_Paulo';
const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00' };

  it('lets a message out at once outside the window', () => {
    // 15:00 in São Paulo.
    expect(releaseTime(at('2026-03-05T18:00:00Z'), night, SP)).toEqual(at('2026-03-05T18:00:00Z'));
    expect(releaseTime(at('2026-03-05T18:00:00Z'), null, SP)).toEqual(at('2026-03-05T18:00:00Z'));
  });

  it('defers to 07:00 the next morning when the night window wraps midnight', () => {
    // 23:30 on the 5th in São Paulo -> 07:00 on the 6th (10:00Z).
    expect(releaseTime(at('2026-03-06T02:30:00Z'), night, SP)).toEqual(at('2026-03-06T10:00:00Z'));
  });

  it('defers to 07:00 the same morning after midnight', () => {
    // 03:00 on the 6th in São Paulo.
    expect(releaseTime(at('2026-03-06T06:00:00Z'), night, SP)).toEqual(at('2026-03-06T10:00:00Z'));
  });

  it('handles a daytime window and the end minute itself', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(releaseTime(at('2026-03-05T15:10:00Z'), lunch, SP)).toEqual(at('2026-03-05T16:30:00Z'));
    expect(releaseTime(at('2026-03-05T16:30:00Z'), lunch, SP)).toEqual(at('2026-03-05T16:30:00Z'));
  });

  it('follows the user time zone', () => {
    // 23:00 in Lisbon (UTC+0 in March) -> 07:00 Lisbon.
    expect(releaseTime(at('2026-03-05T23:00:00Z'), night, 'Europe/Lisbon')).toEqual(
      at('2026-03-06T07:00:00Z'),
    );
  });
});
