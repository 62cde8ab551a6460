import { createLogger } from '@saldo/kit';
import { Resources } from './resources';

const log = createLogger('resources-test', 'silent');

describe('Resources', () => {
  it('closes in reverse order once, going on past a failing close', async () => {
    const closed: string[] = [];
    let resources: Resources | undefined;
    await Resources.start(log, async (r) => {
      resources = r;
      r.add('a', 'a', (v) => void closed.push(v));
      r.add('b', 'b', () => {
        throw new Error('b will not close');
      });
      r.add('c', 'c', async (v) => void closed.push(v));
    });
    await Promise.all([resources!.close(), resources!.close()]);
    expect(closed).toEqual(['c', 'a']);
  });

  it('closes what a failed start had opened, then rethrows its error', async () => {
    const closed: string[] = [];
    const failure = Resources.start(log, async (r) => {
      r.add('first', 1, () => void closed.push('first'));
      r.add('second', 2, () => void closed.push('second'));
      throw new Error('third would not start');
    });
    await expect(failure).rejects.toThrow('third would not start');
    expect(closed).toEqual(['second', 'first']);
  });
});
