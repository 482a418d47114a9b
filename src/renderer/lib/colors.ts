// Project colours. A task keeps the colour its project gave it; otherwise the colour comes from
// a hash of the project label, so the same project is the same colour in every week and view.

/** Calm, mid-saturation accents that read on light and dark surfaces alike. */
export const PALETTE = [
  '#4f7cff', // blue
  '#12a594', // teal
  '#e5484d', // red
  '#f76b15', // orange
  '#d6409f', // pink
  '#8e4ec6', // purple
  '#30a46c', // green
  '#e2a336', // amber
  '#0090ff', // sky
  '#ad7f58', // bronze
  '#7c66dc', // violet
  '#3e63dd', // indigo
] as const;

/** The colour of tasks without a project. */
export const NEUTRAL_COLOR = '#8b93a7';

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** FNV-1a: a small, stable string hash (same label, same colour, in every session). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function colorForLabel(label: string | null | undefined): string {
  const key = label?.trim().toLowerCase();
  if (!key) return NEUTRAL_COLOR;
  return PALETTE[hash(key) % PALETTE.length]!;
}

/** The task's own colour when it is a usable hex colour, else the label's. */
export function projectColor(task: { projectColor: string | null; projectLabel: string | null }): string {
  if (task.projectColor && HEX.test(task.projectColor)) return task.projectColor;
  return colorForLabel(task.projectLabel);
}
