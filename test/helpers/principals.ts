// Until TLS and SASL authenticate clients, every connection is User:ANONYMOUS. In-process broker tests pick
// another principal here: a request whose client id is `as:TYPE:NAME` is made as that principal (the
// connection's session takes it, as an authentication would). Wraps the handlers of this process once.
import { HANDLERS } from '../../dist/broker/handlers/index.js';
import type { Session } from '../../dist/broker/security/session.js';
import { parsePrincipal } from '../../dist/broker/security/session.js';

let installed = false;

export function principalsFromClientId(): void {
  if (installed) return;
  installed = true;
  for (const h of HANDLERS) {
    const handle = h.handle.bind(h);
    (h as { handle: typeof h.handle }).handle = (ctx, req, version, header, timing, session: Session) => {
      const id = header.clientId;
      if (id?.startsWith('as:')) {
        const p = parsePrincipal(id.slice(3));
        if (p !== null) session.principal = p;
      }
      return handle(ctx, req, version, header, timing, session);
    };
  }
}
