// The topics the hub keeps: every indicator's source key, and the per-grid topics of the risk map. A value for
// any other topic is refused and counted, so a backend sending endless distinct keys cannot grow the hub.
import type { Indicator, PlausibleRange } from '@shared/model/indicator';

/** What the hub knows about one catalogue topic. */
export interface TopicRule {
  /** Values outside it are refused (the indicator's declared range). */
  readonly plausible?: PlausibleRange;
}

export interface TopicCatalogueOptions {
  readonly indicators: readonly Pick<Indicator, 'sourceKey' | 'plausible'>[];
  /** Ids of the district's grids: `<prefix>/<gridId>` carries one grid's value on the risk map. */
  readonly gridIds: readonly string[];
  /**
   * Prefixes of per-grid topics besides every indicator's source key (the map names a risk indicator whose
   * source key is the prefix, or falls back to the demo's `risk/grid`).
   */
  readonly gridPrefixes: readonly string[];
}

/**
 * Catalogue topics only, rather than least-recently-used eviction: the catalogue is fixed at start and small
 * (indicators plus indicators × grids), so the hub's size is bounded by the workspace, a real topic is never
 * evicted by a flood of junk, and a key the workspace does not know is named on the source strip — the
 * integrator's mapping mistake shows instead of vanishing.
 */
export class TopicCatalogue {
  /** Indicator topics, exactly. */
  private readonly topics = new Map<string, TopicRule>();
  /** Prefixes of per-grid topics, with the rule their grid topics follow. */
  private readonly gridPrefixes = new Map<string, TopicRule>();
  private readonly gridIds: ReadonlySet<string>;

  constructor(options: TopicCatalogueOptions) {
    for (const prefix of options.gridPrefixes) this.gridPrefixes.set(prefix, {});
    for (const indicator of options.indicators) {
      const rule = indicator.plausible ? { plausible: indicator.plausible } : {};
      this.topics.set(indicator.sourceKey, rule);
      this.gridPrefixes.set(indicator.sourceKey, rule);
    }
    this.gridIds = new Set(options.gridIds);
  }

  /** The rule of a catalogue topic; undefined when the workspace does not know the topic. */
  rule(topic: string): TopicRule | undefined {
    const exact = this.topics.get(topic);
    if (exact) return exact;
    const slash = topic.lastIndexOf('/');
    if (slash <= 0 || !this.gridIds.has(topic.slice(slash + 1))) return undefined;
    return this.gridPrefixes.get(topic.slice(0, slash));
  }
}
