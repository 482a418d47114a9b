import { describe, expect, it } from 'vitest';
import { colorForLabel, NEUTRAL_COLOR, PALETTE, projectColor } from '../../../src/renderer/lib/colors';

describe('project colours', () => {
  it('derives a stable palette colour from the label, ignoring case and surrounding space', () => {
    const c = colorForLabel('Website redesign');
    expect(PALETTE).toContain(c);
    expect(colorForLabel('  website REDESIGN ')).toBe(c);
    expect(colorForLabel('Website redesign')).toBe(c);
  });

  it('spreads different labels over the palette', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `Project ${i}`);
    expect(new Set(labels.map(colorForLabel)).size).toBeGreaterThanOrEqual(8);
  });

  it('uses the neutral colour without a label', () => {
    expect(colorForLabel(null)).toBe(NEUTRAL_COLOR);
    expect(colorForLabel('   ')).toBe(NEUTRAL_COLOR);
  });

  it("keeps a task's own hex colour and ignores anything else", () => {
    expect(projectColor({ projectColor: '#12AB34', projectLabel: 'X' })).toBe('#12AB34');
    expect(projectColor({ projectColor: 'red; background: url(x)', projectLabel: 'X' })).toBe(colorForLabel('X'));
    expect(projectColor({ projectColor: null, projectLabel: 'X' })).toBe(colorForLabel('X'));
  });
});
