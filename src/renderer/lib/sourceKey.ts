// One string key per source item (provider, organization, id), used to mark planned items and
// to carry a dragged item to the calendar.
import type { SourceItem, SourceLink } from '../../common/domain';

export type ProviderName = SourceItem['provider'];

export function sourceKey(ref: Pick<SourceItem, 'provider' | 'orgId' | 'externalId'> | SourceLink): string {
  return JSON.stringify([ref.provider, ref.orgId, ref.externalId]);
}
