// The hub's catalogue: which topics it keeps, and the plausible range each follows.
import { describe, expect, it } from 'vitest';
import { TopicCatalogue } from './topic-catalogue';

describe('TopicCatalogue', () => {
  const catalogue = new TopicCatalogue({
    indicators: [{ sourceKey: 'vitals/risk', plausible: { min: 0, max: 100 } }, { sourceKey: 'vitals/aqi' }],
    gridIds: ['g-1'],
    gridPrefixes: ['risk/grid'],
  });

  it("knows indicators' topics and per-grid topics under an indicator's key or a grid prefix", () => {
    expect(catalogue.rule('vitals/aqi')).toEqual({});
    expect(catalogue.rule('vitals/risk/g-1')).toEqual({ plausible: { min: 0, max: 100 } });
    expect(catalogue.rule('risk/grid/g-1')).toEqual({});
  });

  it('knows no other topic: an unknown key, an unknown grid, a bare prefix', () => {
    expect(catalogue.rule('vitals/unknown')).toBeUndefined();
    expect(catalogue.rule('risk/grid/g-2')).toBeUndefined();
    expect(catalogue.rule('risk/grid')).toBeUndefined();
    expect(catalogue.rule('other/g-1')).toBeUndefined();
  });
});
