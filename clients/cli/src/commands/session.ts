import type { Command } from 'commander';
import { input, password as askPassword } from '@inquirer/prompts';
import { writeCredentials, removeCredentials } from '../credentials';
import { CliError } from '../errors';
import type { Runner } from '../program';

export function sessionCommands(program: Command, run: Runner): void {
  program
    .command('login')
    .description('sign in and keep the tokens in your config dir (mode 0600)')
    .option('--email <email>', 'your e-mail (asked when missing)')
    .option('--password <password>', 'your password (or SALDO_PASSWORD; asked when missing)')
    .action(
      run(async (ctx, options: { email?: string; password?: string }) => {
        const interactive = !!process.stdin.isTTY;
        const email =
          options.email ?? (interactive ? await input({ message: 'E-mail:' }) : undefined);
        const secret =
          options.password ??
          ctx.io.env['SALDO_PASSWORD'] ??
          (interactive ? await askPassword({ message: 'Password:', mask: '*' }) : undefined);
        if (!email || !secret) {
          throw new CliError('BAD_USER_INPUT', 'give --email and --password (or SALDO_PASSWORD)');
        }
        const client = ctx.clientWith();
        const { tokens, user } = await client.auth.signIn(email, secret);
        writeCredentials(ctx.credentials, { url: ctx.url, tokens });
        ctx.print(
          { user, url: ctx.url },
          () => `Signed in as ${user.name} <${user.email}> at ${ctx.url}`,
        );
      }),
    );

  program
    .command('logout')
    .description('sign out (revokes the refresh token) and forget the stored tokens')
    .action(
      run(async (ctx) => {
        try {
          await ctx.client.auth.signOut();
        } finally {
          removeCredentials(ctx.credentials);
        }
        ctx.print({ signedOut: true }, () => 'Signed out.');
      }),
    );

  program
    .command('whoami')
    .description('who you are signed in as')
    .action(
      run(async (ctx) => {
        const me = await ctx.client.identity.me();
        ctx.print(
          me,
          () => `${me.name} <${me.email}> (${me.timeZone}, ${me.locale}) at ${ctx.url}`,
        );
      }),
    );
}
