// Limits of the per-account sync settings: one source for the IPC schema and the core's checks.

/** Page size for list requests: Hubstaff's maximum. */
export const MAX_PAGE_LIMIT = 500;
/** Recent days re-read on each incremental run. */
export const MAX_REFRESH_WINDOW_DAYS = 31;
