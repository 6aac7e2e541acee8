// Producer ids for idempotent producers come in blocks from the active controller (src/cluster/
// producer-id-blocks.ts); what the broker itself knows of them is the epoch limit.

/** Kafka's producer epochs are int16; at the top a producer gets a fresh id instead of a bump. */
export const MAX_PRODUCER_EPOCH = 32767;
