// ListOffsets' special timestamps (ListOffsetsRequest.json): a partition asked with one of these wants an
// offset by position, not by time. No imports, so storage, broker and client can share them.
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
/** The offset of the batch with the largest timestamp (v7+). */
export const MAX_TIMESTAMP_QUERY = -3;
/** The log start offset of the local log (v8+); with no tiered storage, the log start offset. */
export const EARLIEST_LOCAL_TIMESTAMP = -4;
/** The last offset in tiered storage (v9+). */
export const LATEST_TIERED_TIMESTAMP = -5;
