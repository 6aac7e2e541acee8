// The CLI's TLS options, common to every command: --ssl (TLS with Node's CAs), --ssl-ca (trust this CA
// instead), --ssl-cert and --ssl-key (a client certificate, for brokers with ssl.client.auth=required).
// Any of the file options turns TLS on. A file that cannot be read is a usage error (exit 2).
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { type OptionSpec, type ParsedArgs, UsageError } from './args.js';

export const TLS_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'ssl',
    help: "connect with TLS (an SSL or SASL_SSL listener), trusting Node's CAs unless --ssl-ca",
  },
  {
    name: 'ssl-ca',
    arg: 'FILE',
    help: "PEM CA certificates the brokers' certificates must chain to (implies --ssl)",
  },
  {
    name: 'ssl-cert',
    arg: 'FILE',
    help: 'PEM client certificate, for brokers that require one (implies --ssl)',
  },
  { name: 'ssl-key', arg: 'FILE', help: 'PEM private key of --ssl-cert (default: the --ssl-cert file)' },
];

function read(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(
      `--${option}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** The client's `ssl` option from the command line: false without any TLS option. */
export function tlsFromArgs(args: ParsedArgs): boolean | ConnectionOptions {
  const ca = args.value('ssl-ca');
  const cert = args.value('ssl-cert');
  const key = args.value('ssl-key');
  if (key !== undefined && cert === undefined) throw new UsageError('--ssl-key needs --ssl-cert');
  if (ca === undefined && cert === undefined) return args.has('ssl');
  return {
    ...(ca === undefined ? {} : { ca: read('ssl-ca', ca) }),
    ...(cert === undefined ? {} : { cert: read('ssl-cert', cert), key: read('ssl-key', key ?? cert) }),
  };
}
