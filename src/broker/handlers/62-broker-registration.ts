// BrokerRegistration, versions 0-4: a broker registers with the active controller (its listeners, rack and
// incarnation) and gets its broker epoch. Answered by the controller when it is this node, else
// NOT_CONTROLLER (the broker's lifecycle retries wherever the quorum says the controller is).
import { BrokerRegistrationApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const brokerRegistration = defineHandler(BrokerRegistrationApi, 0, 4, (ctx, req, version) =>
  ctx.cluster.brokerRegistration(req, version),
);
