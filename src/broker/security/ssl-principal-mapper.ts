// Kafka's ssl.principal.mapping.rules: a client certificate's subject, written as RFC 2253 writes a
// distinguished name ("CN=alice,OU=eng,O=Acme,C=US": most specific first), becomes a principal name by the
// first rule whose pattern matches the whole name. `RULE:pattern/replacement/` rewrites it (`$1` for
// groups; a trailing L or U lower- or upper-cases the result), `DEFAULT` keeps the name as it is. When no
// rule matches the connection is refused, as in Kafka.
import { X509Certificate } from 'node:crypto';

export interface PrincipalRule {
  /** null: DEFAULT. */
  pattern: RegExp | null;
  /** The pattern as written, for matching the whole name. */
  whole: RegExp | null;
  replacement: string;
  caseChange: '' | 'L' | 'U';
}

/** Reads up to the next unescaped '/', keeping escapes as they are (the pattern is a regex). */
function untilSlash(s: string, from: number): [string, number] {
  let i = from;
  while (i < s.length && s[i] !== '/') i += s[i] === '\\' ? 2 : 1;
  if (i >= s.length) throw new Error(`ssl.principal.mapping.rules: unterminated rule in '${s}'`);
  return [s.slice(from, i), i + 1];
}

/** Parses "RULE:pattern/replacement/[LU], ..., DEFAULT" (commas or newlines between rules). */
export function parsePrincipalMappingRules(text: string): PrincipalRule[] {
  const rules: PrincipalRule[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i]!)) i++;
    if (i >= s.length) break;
    if (s.startsWith('DEFAULT', i)) {
      rules.push({ pattern: null, whole: null, replacement: '', caseChange: '' });
      i += 'DEFAULT'.length;
    } else if (s.startsWith('RULE:', i)) {
      const [pattern, afterPattern] = untilSlash(s, i + 'RULE:'.length);
      const [replacement, afterReplacement] = untilSlash(s, afterPattern);
      i = afterReplacement;
      let caseChange: '' | 'L' | 'U' = '';
      if (s[i] === 'L' || s[i] === 'U') caseChange = s[i++] as 'L' | 'U';
      let compiled: RegExp;
      let whole: RegExp;
      try {
        compiled = new RegExp(pattern, 'g');
        whole = new RegExp(`^(?:${pattern})$`);
      } catch (e) {
        throw new Error(`ssl.principal.mapping.rules: bad pattern '${pattern}': ${(e as Error).message}`);
      }
      rules.push({ pattern: compiled, whole, replacement, caseChange });
    } else {
      throw new Error(`ssl.principal.mapping.rules: expected RULE:... or DEFAULT at '${s.slice(i)}'`);
    }
    while (i < s.length && s[i] === ' ') i++;
    if (i < s.length && s[i] !== ',' && s[i] !== '\n')
      throw new Error(`ssl.principal.mapping.rules: expected ',' after a rule at '${s.slice(i)}'`);
  }
  if (rules.length === 0) throw new Error('ssl.principal.mapping.rules: no rules');
  return rules;
}

/** The principal name for `dn` by the first matching rule, or null when none matches. */
export function mapPrincipalName(rules: readonly PrincipalRule[], dn: string): string | null {
  for (const r of rules) {
    if (r.pattern === null) return dn;
    if (!r.whole!.test(dn)) continue;
    r.pattern.lastIndex = 0;
    const out = dn.replace(r.pattern, r.replacement);
    return r.caseChange === 'L' ? out.toLowerCase() : r.caseChange === 'U' ? out.toUpperCase() : out;
  }
  return null;
}

/**
 * A certificate's subject as RFC 2253 writes it (Java's X500Principal.getName(), which Kafka maps): the
 * attributes in reverse order of the certificate's, joined by commas. Node prints one "TYPE=value" per line
 * in the certificate's order (least specific first), values already escaped as RFC 2253 escapes them
 * (`O=Acme\, Inc`). Differences from Java: attributes Java prints as OIDs (emailAddress) keep their names.
 */
export function subjectRfc2253(cert: X509Certificate | Buffer): string {
  const x509 = cert instanceof X509Certificate ? cert : new X509Certificate(cert);
  return x509.subject
    .split('\n')
    .filter((l) => l !== '')
    .reverse()
    .join(',');
}
