// Kafka's rule for topic names (Topic.validate): ASCII letters, digits, '.', '_' and '-', 1 to 249
// characters, and neither '.' nor '..'. The one rule the broker's registry and the partition directories share.
export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** Null when `name` is a legal topic name, else the reason. */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'topic name is empty';
  if (name === '.' || name === '..') return `topic name cannot be '${name}'`;
  if (name.length > MAX_TOPIC_NAME_LENGTH)
    return `topic name is longer than ${MAX_TOPIC_NAME_LENGTH} characters`;
  if (!LEGAL_TOPIC_NAME.test(name)) return 'topic name may only contain ASCII letters, digits, ., _ and -';
  return null;
}
