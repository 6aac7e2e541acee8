#!/usr/bin/env node
// The broker CLI. Prints exactly one line, `listening on HOST:PORT`, on stdout once clients can connect; logs
// go to stderr. Exit codes: 0 after a graceful stop (SIGINT/SIGTERM), --help or --version, 1 when the broker
// cannot start (port in use, data dir unusable or locked by another broker) or stop cleanly, 2 for a bad flag
// or config file (TLS files that cannot be read or do not load included), 70 after a fatal storage error. Supervisors should run `node dist/node.js` itself (not
// `npm start`) so that their signals reach the broker.
// A first argument naming an admin command (`runnel topic list`) runs the admin CLI (src/cli/) instead;
// each side imports only its own modules.
import { VERSION } from './version.js';

/** The admin CLI's command groups: GROUPS in src/cli/index.ts (test/cli-args.test.ts checks they agree). */
const CLI_COMMANDS = new Set([
  'topic',
  'group',
  'cluster',
  'config',
  'transaction',
  'acl',
  'user',
  'produce',
  'consume',
]);

/** Extra time past shutdown.timeout.ms for flushing and closing logs before the process gives up. */
const CLOSE_MARGIN_MS = 900;

async function main(): Promise<void> {
  const [{ Broker }, { ConfigError, parseArgs }, { Logger }] = await Promise.all([
    import('./broker/broker.js'),
    import('./config.js'),
    import('./logger.js'),
  ]);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`runnel: ${err.message}\n`);
    process.exit(2);
  }
  if (parsed.kind === 'help') {
    const { commandsHelp } = await import('./cli/index.js');
    process.stdout.write(`${parsed.text}\n\n${commandsHelp()}\n`);
    return;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`runnel ${VERSION}\n`);
    return;
  }
  const config = parsed.config;
  const log = new Logger(config.logLevel);
  for (const w of parsed.warnings) log.warn(w);
  let stopping = false;
  let broker: InstanceType<typeof Broker>;
  try {
    broker = new Broker(config, { logger: log.child('broker') });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`runnel: ${err.message}\n`);
      process.exit(2);
    }
    // A setting that needs a file it cannot read (sasl.plain.users.file, a JWKS): say which, exit 1.
    log.error(`cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  // The broker stops itself after a fatal storage error; the process then exits 70 (EX_SOFTWARE).
  broker.on('error', () => {
    stopping = true;
    const exit = () => process.exit(70);
    setTimeout(exit, config.shutdownTimeoutMs + CLOSE_MARGIN_MS).unref();
    broker.stop().then(exit, exit);
  });

  // Last resort: a bug reached the event loop. Keep serving the other clients, but say so loudly.
  process.on('uncaughtException', (err) => log.error(`uncaught exception: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => log.error(`unhandled rejection: ${String(err)}`));

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    const deadline = setTimeout(() => {
      log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + CLOSE_MARGIN_MS);
    deadline.unref();
    broker.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error(`stop failed: ${(err as Error).stack ?? String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  let bound: { host: string; port: number };
  try {
    bound = await broker.start();
  } catch (err) {
    // A signal during startup: the stop handler is already on its way to exit.
    if (stopping) return;
    log.error(`cannot start: ${(err as Error).message}`);
    stopping = true;
    const code = err instanceof ConfigError ? 2 : 1;
    // Whatever stop() still has to do, the process is gone within a second.
    setTimeout(() => process.exit(code), 1000).unref();
    await broker.stop().catch(() => {});
    process.exit(code);
  }
  const host = bound.host.includes(':') ? `[${bound.host}]` : bound.host;
  process.stdout.write(`listening on ${host}:${bound.port}\n`);
}

if (CLI_COMMANDS.has(process.argv[2] ?? '')) {
  const { runCli } = await import('./cli/index.js');
  process.exit(await runCli(process.argv.slice(2)));
} else await main();
