// The scenarios the wall can switch to: loaded with the workspace, grown by pack imports, shared by the wall
// service, the advisor and the handlers so all of them see an import at once.
import type { Scenario } from '@shared/model/wall';
import type { ScenarioSummary } from '@shared/protocol';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';

export type ScenarioCatalogListener = (summaries: ScenarioSummary[]) => void;

export class ScenarioCatalog {
  private readonly byId = new Map<string, { scenario: Scenario; file: string }>();
  private readonly changed = new Emitter<ScenarioSummary[]>();

  /** `files[i]` is the file of `scenarios[i]`, relative to the workspace's `scenarios/` folder. */
  constructor(scenarios: readonly Scenario[], files: readonly string[]) {
    scenarios.forEach((scenario, index) =>
      this.byId.set(scenario.id, { scenario, file: files[index] ?? `${scenario.id}.json` }),
    );
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id)?.scenario;
  }

  /** The file a scenario lives in, relative to `scenarios/`. */
  fileOf(id: string): string | undefined {
    return this.byId.get(id)?.file;
  }

  /** Every scenario, in the order they were loaded or imported. */
  all(): Scenario[] {
    return [...this.byId.values()].map((entry) => entry.scenario);
  }

  /** The read-only view the wall reducer takes. */
  asMap(): ReadonlyMap<string, Scenario> {
    return new Map([...this.byId].map(([id, entry]) => [id, entry.scenario]));
  }

  summaries(): ScenarioSummary[] {
    return this.all().map(({ id, name, mode, banner }) => ({
      id,
      name,
      mode,
      ...(banner ? { banner } : {}),
    }));
  }

  /** Adds or replaces scenarios (already validated and written), then tells the listeners. */
  put(entries: readonly { scenario: Scenario; file: string }[]): void {
    for (const entry of entries) this.byId.set(entry.scenario.id, entry);
    this.changed.fire(this.summaries());
  }

  /** Every scenario's summary, after each import. */
  onChanged(listener: ScenarioCatalogListener): Disposable {
    return this.changed.on(listener);
  }
}
