// What fits in a block, decided by measuring (blocks change width with the sidebar, the window
// and overlaps, without the cards re-rendering; one ResizeObserver watches them all):
// - a title wraps between words; one with a word wider than the block would be cut mid-way,
//   so it goes to one line ending in an ellipsis instead;
// - the figures after it (time, duration, tracked) are shown whole or not at all: one that
//   does not fit is hidden, never cut to "1h 3".

const LONG_WORD = 'has-long-word';
const CUT = 'is-cut';

function fitTitles(titles: readonly HTMLElement[]): void {
  // Reads and writes in passes: one layout for all of them, not one each.
  for (const el of titles) el.classList.remove(LONG_WORD);
  const over = titles.filter((el) => el.scrollWidth > el.clientWidth + 1);
  for (const el of over) el.classList.add(LONG_WORD);
}

function fitFigures(rows: readonly HTMLElement[]): void {
  const figures = rows.map((row) => [...row.children] as HTMLElement[]);
  for (const list of figures) for (const f of list) f.classList.remove(CUT);
  const cut = rows.flatMap((row, i) => {
    const limit = row.getBoundingClientRect().right + 0.5;
    // The first figure that ends past the row's edge, and every one after it.
    const first = figures[i]!.findIndex((f) => f.offsetWidth > 0 && f.getBoundingClientRect().right > limit);
    return first < 0 ? [] : figures[i]!.slice(first);
  });
  for (const f of cut) f.classList.add(CUT);
}

function refit(elements: readonly HTMLElement[]): void {
  fitTitles(elements.filter((el) => el.classList.contains('entry-title')));
  fitFigures(elements.filter((el) => el.classList.contains('entry-meta')));
}

const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => refit(entries.map((e) => e.target as HTMLElement)));

/** Watches a title or a figures row (its first observation fits it); answers the unwatch. */
export function watchFit(el: HTMLElement): () => void {
  observer?.observe(el);
  return () => observer?.unobserve(el);
}

/** Fits an element whose content changed (its box may not have). */
export function refitNow(el: HTMLElement): void {
  refit([el]);
}
