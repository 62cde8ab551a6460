import { stopOnSignals } from '@saldo/kit';
import { startBilling } from './app';
import { loadConfig } from './config';

startBilling(loadConfig()).then(stopOnSignals, (error: unknown) => {
  // eslint-disable-next-line no-console -- the logger may not exist yet when start-up fails
  console.error(error);
  process.exit(1);
});
