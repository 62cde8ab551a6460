import { stopOnSignals } from '@saldo/kit';
import { startNotifications } from './app';
import { loadConfig } from './config';

startNotifications(loadConfig()).then(stopOnSignals, (error: unknown) => {
  // eslint-disable-next-line no-console -- the logger may not exist yet when start-up fails
  console.error(error);
  process.exit(1);
});
