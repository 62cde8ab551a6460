import { stopOnSignals } from '@saldo/kit';
import { startAi } from './app';
import { loadConfig } from './config';

startAi(loadConfig()).then(stopOnSignals, (error: unknown) => {
  // eslint-disable-next-line no-console -- the logger may not exist yet when start-up fails
  console.error(error);
  process.exit(1);
});
