// Scrapes a broker's Prometheus endpoint and reads samples out of the text exposition format.
import http from 'node:http';

export interface Scrape {
  text: string;
  /** The sample `name{labels}`; labels in the order the broker writes them. Undefined when absent. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** Every sample of a family (no _bucket/_sum/_count), keyed by its label text. */
  samples(name: string): Map<string, number>;
}

export function httpGet(
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export function parseMetrics(text: string): Scrape {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    const v = line.slice(i + 1);
    values.set(line.slice(0, i), v === '+Inf' ? Number.POSITIVE_INFINITY : Number(v));
  }
  const key = (name: string, labels?: Record<string, string>) => {
    const entries = Object.entries(labels ?? {});
    return entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
  };
  return {
    text,
    value: (name, labels) => values.get(key(name, labels)),
    samples: (name) => {
      const out = new Map<string, number>();
      for (const [k, v] of values) {
        if (k === name || k.startsWith(`${name}{`)) out.set(k.slice(name.length), v);
      }
      return out;
    },
  };
}

export async function scrape(port: number): Promise<Scrape> {
  const res = await httpGet(port, '/metrics');
  if (res.status !== 200) throw new Error(`scrape answered ${res.status}: ${res.body}`);
  return parseMetrics(res.body);
}
