// Public API of the sync engine: the composition root, the shell and the CLI use these.
export { SyncEngine } from './engine';
export type { ClientTuning, SyncEngineOptions, SyncNowOptions, SyncReport } from './engine';
export type { RunReport, StreamFailure } from './runner';
export { ACCOUNT_STREAMS, DEFAULT_CADENCE, ORG_STREAMS, STREAMS } from './streams/types';
export type { Cadence, DataChange, StreamName } from './streams/types';
export { DEFAULT_OVERTIME_THRESHOLD_MINUTES, TrackedTime } from './tracked';
export type { TimeOffDay, TrackedDay, TrackedWeek } from './tracked';
export { buildWeekReport, weekReportCsv } from './weekReport';
export type { WeekReport, WeekReportDay, WeekReportEntry, WeekTotals } from './weekReport';
