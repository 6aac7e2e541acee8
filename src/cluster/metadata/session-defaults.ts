// broker.session.timeout.ms's default (Kafka's), in a module of its own: the broker's config table reads it,
// and the controller module it belongs to imports the config (for topic rules), which would be a cycle.
export const DEFAULT_BROKER_SESSION_TIMEOUT_MS = 9000;
