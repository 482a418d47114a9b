import type { ErrorInfo } from '../../../common/errors';
import type { SourceItem } from '../../../common/domain';
import { cleanTitle } from '../../../common/titleText';

// What an integration gives Stint's sidebar, as one shape: a descriptor (who it is and how it
// signs in), and per signed-in account a connection that yields pages of source items, each
// with the cursor to store beside it. The sync loop, status and CLI work from these alone.

export type ProviderName = SourceItem['provider'];

export interface ProviderAuthKind {
  /** e.g. 'oauth', 'private_app', 'personal'. */
  kind: string;
  label: string;
  /** Whether an expired or refused access token can be renewed without the user. */
  canRefresh: boolean;
}

export interface ProviderDescriptor {
  name: ProviderName;
  /** How the UI names it ("HubSpot"). */
  label: string;
  authKinds: readonly ProviderAuthKind[];
  /** The streams a connection runs, by name (for status rows and sync reports). */
  streams: readonly string[];
  /** The CLI command that signs in (and back in) to it. */
  cliSignIn: string;
}

/** The title of a source item whose own title has nothing a person can read. */
export const UNTITLED_ITEM = 'Untitled item';

/**
 * A source item's title as a sync stores it: cleaned like every title (titleText.ts). One that
 * cleans to nothing keeps the item (it is still real work to plan) under `fallback`.
 */
export function sourceItemTitle(raw: string | null | undefined, fallback: string = UNTITLED_ITEM): string {
  return cleanTitle(raw ?? '') || fallback;
}

/** A source item as a sync writes it; `removed` hides it from the sidebar (archived, deleted). */
export interface SourceItemUpsert {
  orgId: string;
  externalId: string;
  title: string;
  status: 'active' | 'completed';
  projectId: string | null;
  projectName: string | null;
  assigneeIds: string[];
  url: string | null;
  /** The provider's modification time (ISO), when known. */
  updatedAt: string | null;
  removed: boolean;
}

export interface SourceItemPage {
  stream: string;
  /** The organization (workspace, portal) the page belongs to. */
  orgId: string;
  items: SourceItemUpsert[];
  /** Records the provider sent that could not be read (counted, never fatal). */
  skipped: number;
  /** Resume point after this page: stored in the same transaction as the items. */
  cursor: unknown;
}

/** One account's live link to its provider. */
export interface ProviderConnection {
  readonly provider: ProviderName;
  readonly accountId: string;
  /** Pages changed since `cursor` (null: from the start), oldest first. */
  sourceItemPages(stream: string, cursor: unknown, opts?: { signal?: AbortSignal }): AsyncIterable<SourceItemPage>;
  /**
   * Of the given cached ids, those the provider no longer lists for this account (archived,
   * deleted, given to someone else), for streams whose change feed cannot show removals.
   */
  missingItems?(stream: string, orgId: string, externalIds: readonly string[], opts?: { signal?: AbortSignal }): Promise<string[]>;
  /** Requests sent so far (retries included). */
  readonly requestCount: number;
}

/** Per-stream state as status views show it. */
export interface ProviderStreamStatus {
  accountId: string;
  orgId: string;
  stream: string;
  lastSuccessAt: string | null;
  /** A failure or a warning (e.g. a missing scope) to show beside the stream. */
  lastError: ErrorInfo | null;
}
