// The gallery lists every fixture of every registered kind, and each kind in three sizes and hidden.
import { describe, expect, it } from 'vitest';
import { widgetOptionSchemas } from '@shared/model/widget';
import { widgetKinds } from '../widgets/registry';
import { galleryEntries } from './gallery-entries';

describe('galleryEntries', () => {
  it('shows every fixture of every registered kind, and every kind small, medium, large and hidden', () => {
    const sections = galleryEntries(Object.values(widgetKinds));
    expect(sections.map((section) => section.kind).sort()).toEqual(Object.keys(widgetOptionSchemas).sort());
    for (const section of sections) {
      const fixtures = widgetKinds[section.kind].fixtures;
      expect(fixtures.length, section.kind).toBeGreaterThan(0);
      const shownFixtures = new Set(section.entries.map((entry) => entry.fixtureIndex));
      expect(shownFixtures.size, section.kind).toBe(fixtures.length);
      expect(new Set(section.entries.map((entry) => entry.size))).toEqual(
        new Set(['small', 'medium', 'large']),
      );
      expect(
        section.entries.some((entry) => entry.state === 'hidden'),
        section.kind,
      ).toBe(true);
      expect(new Set(section.entries.map((entry) => entry.key)).size).toBe(section.entries.length);
    }
  });
});
