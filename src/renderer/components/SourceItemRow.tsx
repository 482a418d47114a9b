// One source item in the sidebar: drag handle, title (duration syntax shown as a badge),
// status, "planned this week" mark, a link to it in its provider, and a button that places it
// from the keyboard.
import { memo, type CSSProperties } from 'react';
import type { SourceItem } from '../../common/domain';
import { formatMinutes, parseTitleDuration } from '../../common/duration';
import { colorForLabel } from '../lib/colors';
import { sourceDragAttrs } from '../lib/dragPayload';
import { useUi } from '../stores/ui';
import { providerLabel } from '../../common/providers';
import { openExternal } from '../lib/entryActions';
import { CalendarPlusIcon, CheckIcon, ExternalIcon, GripIcon } from './Icons';

interface Props {
  item: SourceItem;
  planned: boolean;
  style: CSSProperties;
}

export const SourceItemRow = memo(function SourceItemRow({ item, planned, style }: Props) {
  const parsed = parseTitleDuration(item.title);
  const title = parsed.title || item.title;
  const active = item.status === 'active' || item.status === 'open';
  return (
    <div role="listitem" className="source-row" style={style}>
      <div
        className={`source-item${planned ? ' is-planned' : ''}`}
        {...sourceDragAttrs(item)}
        style={{ '--entry-color': colorForLabel(item.projectName) } as CSSProperties}
        title={item.title}
      >
        <GripIcon className="grip" />
        <span className="source-text">
          <span className="source-title">{title}</span>
          <span className="source-meta">
            {parsed.minutes !== null && <span className="badge">{formatMinutes(parsed.minutes)}</span>}
            {!active && <span className="badge is-muted">{item.status}</span>}
            {planned && (
              <span className="planned-mark">
                <CheckIcon width={12} height={12} /> Planned this week
              </span>
            )}
          </span>
        </span>
        {item.url && (
          <button
            type="button"
            className="icon-button place-button"
            aria-label={`Open “${title}” in ${providerLabel(item.provider)}`}
            title={`Open in ${providerLabel(item.provider)}`}
            onClick={() => void openExternal(item.url!)}
          >
            <ExternalIcon />
          </button>
        )}
        <button
          type="button"
          className="icon-button place-button"
          aria-label={`Place “${title}” on the calendar`}
          title="Place on the calendar"
          onClick={() => useUi.getState().place({ kind: 'source', item })}
        >
          <CalendarPlusIcon />
        </button>
      </div>
    </div>
  );
});
