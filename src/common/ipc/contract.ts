// The one IPC contract (DESIGN §3): every command (renderer -> main, request/response) and
// every event (main -> renderer) with its zod schema. Main validates each incoming argument
// against it and parses each response through it (dropping anything undeclared); the preload
// builds `window.stint` from the same lists. No other channel exists.
import { z } from 'zod';
import { Entry, SourceItem, Task, Week } from '../domain';
import { ERROR_CODES } from '../errors';
import {
  AddEntryInput,
  CreateTaskInput,
  DropSourceItemRefInput,
  EditTitleInput,
  EntryIdInput,
  ListTasksInput,
  MoveEntryInput,
  ResizeEntryInput,
  TaskIdInput,
  WeekInput,
} from './planner-schemas';
import { Settings, SettingsPatch } from './settings-schemas';
import {
  AccountIdInput,
  AccountView,
  HubspotAccountView,
  HubspotOAuthInput,
  HubspotPrivateAppInput,
  HubspotReconnectInput,
  KeychainStatusSchema,
  OrganizationChoice,
  ReconnectInput,
  SelectOrganizationsInput,
  SignOutInput,
  TokenInput,
  UpdateHubspotSettingsInput,
  UpdateSyncSettingsInput,
} from './accounts-schemas';
import { SyncStatus } from './sync-schemas';
import { SyncNowInput, SyncNowResult, TrackedWeekInput, TrackedWeekSchema } from './tracked-schemas';
import { Diagnostics, Navigation, OpenExternalInput, ShellSettingsPatch, ShellSettingsView } from './shell-schemas';

export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CommandSpec<I, O> => ({ input, output });
const NoInput = z.undefined();
const Nothing = z.null();

const HistoryState = z.object({ canUndo: z.boolean(), canRedo: z.boolean(), label: z.string().nullable() });
const DropResult = z.object({ task: Task, entry: Entry, createdTask: z.boolean() });

export const SourceItemsQuery = z.object({
  search: z.string().max(200).optional(),
  provider: z.enum(['hubstaff', 'hubspot']).optional(),
  status: z.string().max(50).optional(),
  assignedTo: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(20_000).optional(),
  /** Rows to skip (paging a long list; the CLI's --offset). */
  offset: z.number().int().min(0).optional(),
});

export const commands = {
  // planner
  'planner.getWeek': command(WeekInput, Week),
  'planner.listTasks': command(ListTasksInput, z.array(Task)),
  /** Open tasks with no entry yet: the renderer's "Unscheduled" list, ready to drag in. */
  'planner.listUnscheduled': command(NoInput, z.array(Task)),
  'planner.createTask': command(CreateTaskInput, Task),
  'planner.editTitle': command(EditTitleInput, Task),
  'planner.completeTask': command(TaskIdInput, Task),
  'planner.reopenTask': command(TaskIdInput, Task),
  'planner.deleteTask': command(TaskIdInput, Nothing),
  'planner.addEntry': command(AddEntryInput, Entry),
  'planner.moveEntry': command(MoveEntryInput, Entry),
  'planner.resizeEntry': command(ResizeEntryInput, Entry),
  'planner.deleteEntry': command(EntryIdInput, Nothing),
  'planner.dropSourceItem': command(DropSourceItemRefInput, DropResult),
  'planner.undo': command(NoInput, HistoryState),
  'planner.redo': command(NoInput, HistoryState),
  'planner.history': command(NoInput, HistoryState),
  // integrations sidebar
  'sources.listItems': command(SourceItemsQuery, z.array(SourceItem)),
  /** How many items match (limit and offset aside): the sidebar says when its list is cut. */
  'sources.countItems': command(SourceItemsQuery, z.number().int().min(0)),
  // accounts (DESIGN §5)
  'accounts.list': command(NoInput, z.array(AccountView)),
  'accounts.keychainStatus': command(NoInput, KeychainStatusSchema),
  /** Opens the system browser; answers when the callback arrives (up to 5 minutes). */
  'accounts.signInOAuth': command(NoInput, AccountView),
  'accounts.cancelSignIn': command(NoInput, Nothing),
  'accounts.signInPersonalToken': command(TokenInput, AccountView),
  'accounts.signInOrganizationToken': command(TokenInput, AccountView),
  'accounts.listOrganizations': command(AccountIdInput, z.array(OrganizationChoice)),
  'accounts.selectOrganizations': command(SelectOrganizationsInput, AccountView),
  'accounts.updateSyncSettings': command(UpdateSyncSettingsInput, AccountView),
  'accounts.reconnect': command(ReconnectInput, AccountView),
  'accounts.signOut': command(SignOutInput, Nothing),
  'accounts.listHubspot': command(NoInput, z.array(HubspotAccountView)),
  'accounts.signInHubspotPrivateApp': command(HubspotPrivateAppInput, HubspotAccountView),
  'accounts.signInHubspotOAuth': command(HubspotOAuthInput, HubspotAccountView),
  'accounts.signOutHubspot': command(SignOutInput, Nothing),
  /** A new token (or OAuth app) for the same portal and owner; cached tasks and settings stay. */
  'accounts.reconnectHubspot': command(HubspotReconnectInput, HubspotAccountView),
  'accounts.updateHubspotSettings': command(UpdateHubspotSettingsInput, HubspotAccountView),
  // sync and tracked time (DESIGN §6)
  'sync.status': command(NoInput, SyncStatus),
  /** "Sync now": every account at once; answers when the run is done. */
  'sync.now': command(SyncNowInput, SyncNowResult),
  'sync.pause': command(NoInput, SyncStatus),
  'sync.resume': command(NoInput, SyncStatus),
  'tracked.getWeek': command(TrackedWeekInput, TrackedWeekSchema),
  // settings
  'settings.get': command(NoInput, Settings),
  'settings.update': command(SettingsPatch, Settings),
  // desktop shell (tray, window, notifications)
  'shell.getSettings': command(NoInput, ShellSettingsView),
  'shell.updateSettings': command(ShellSettingsPatch, ShellSettingsView),
  /** Builds the diagnostics report (never a token) and copies it to the clipboard. */
  'app.copyDiagnostics': command(NoInput, Diagnostics),
  /** Opens an https Hubstaff/HubSpot page in the system browser; anything else is refused. */
  'app.openExternal': command(OpenExternalInput, Nothing),
  /** The navigation the tray asked for before the page was listening (then cleared), or null. */
  'app.takeNavigation': command(NoInput, Navigation.nullable()),
} as const satisfies Record<string, CommandSpec>;

export const events = {
  /** Planner data changed (any edit, undo, redo, or sync): views refetch what they show. */
  'planner.changed': z.object({ reason: z.enum(['edit', 'undo', 'redo', 'sync']) }),
  'settings.changed': Settings,
  'accounts.changed': AccountView,
  'sync.status': SyncStatus,
  /** Synced data changed: tracked time and time off ('tracked'), sidebar items ('sources'). */
  'sync.dataChanged': z.object({ kind: z.enum(['sources', 'tracked', 'tasks']) }),
  'accounts.removed': z.object({ accountId: z.string() }),
  'accounts.hubspotChanged': HubspotAccountView,
  'keychain.status': KeychainStatusSchema,
  'shell.settingsChanged': ShellSettingsView,
  /** The tray or a notification asks the window to show a view (e.g. the reconnect flow). */
  'app.navigate': Navigation,
} as const satisfies Record<string, z.ZodType>;

export type CommandName = keyof typeof commands;
export type EventName = keyof typeof events;
export type CommandInput<N extends CommandName> = z.input<(typeof commands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<(typeof commands)[N]['output']>;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export const ErrorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  correlationId: z.string().optional(),
  details: z.array(z.string()).optional(),
});

/** What every command answers across IPC: never a thrown error, which would lose its code. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof ErrorInfoSchema> };

/** Electron channel names, namespaced so nothing else can collide with them. */
export const commandChannel = (name: CommandName): string => `stint:cmd:${name}`;
export const eventChannel = (name: EventName): string => `stint:evt:${name}`;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
