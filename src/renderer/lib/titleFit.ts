// A title wraps between words in its block; a word wider than the block would be cut mid-way
// (or broken without a hyphen), so such a title goes to one line ending in an ellipsis instead.
// One ResizeObserver watches every title: blocks change width with the sidebar, the window
// and overlaps, without the cards re-rendering.

const LONG_WORD = 'has-long-word';

function refit(titles: readonly HTMLElement[]): void {
  // Reads and writes in two passes: one layout for all of them, not one each.
  for (const el of titles) el.classList.remove(LONG_WORD);
  const over = titles.filter((el) => el.scrollWidth > el.clientWidth + 1);
  for (const el of over) el.classList.add(LONG_WORD);
}

const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => refit(entries.map((e) => e.target as HTMLElement)));

/** Watches a title element (its first observation fits it); answers the unwatch. */
export function watchTitleFit(el: HTMLElement): () => void {
  observer?.observe(el);
  return () => observer?.unobserve(el);
}

/** Fits a title whose text changed (its box may not have). */
export function refitTitle(el: HTMLElement): void {
  refit([el]);
}
