// What a sidebar or "Unscheduled" row carries when dragged onto the calendar: data attributes
// on the row, read back by the calendar's drop handler.
import type { SourceItem } from '../../common/domain';
import { sourceKey } from './sourceKey';
import { isProviderName } from '../../common/providers';

export type SourceRef = Pick<SourceItem, 'provider' | 'orgId' | 'externalId'>;
export type DragPayload = { kind: 'source'; ref: SourceRef } | { kind: 'task'; taskId: string };

export function sourceDragAttrs(item: SourceRef): Record<string, string> {
  return { 'data-drag-kind': 'source', 'data-source-key': sourceKey(item) };
}

export function taskDragAttrs(taskId: string): Record<string, string> {
  return { 'data-drag-kind': 'task', 'data-task-id': taskId };
}

export function readDragPayload(el: HTMLElement): DragPayload | null {
  const kind = el.dataset.dragKind;
  if (kind === 'task' && el.dataset.taskId) return { kind, taskId: el.dataset.taskId };
  if (kind === 'source' && el.dataset.sourceKey) {
    try {
      const parsed: unknown = JSON.parse(el.dataset.sourceKey);
      if (Array.isArray(parsed) && parsed.length === 3 && isProviderName(parsed[0])) {
        return { kind, ref: { provider: parsed[0], orgId: String(parsed[1]), externalId: String(parsed[2]) } };
      }
    } catch {
      // expected: not ours: fall through
    }
  }
  return null;
}
