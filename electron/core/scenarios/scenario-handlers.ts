// Requests about scenarios: the list, packs and warning-level suggestions.
import { ProtocolError } from '@shared/protocol/envelope';
import type { HandlerGroup } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import type { ScenarioAdvisor } from './scenario-advisor';
import type { ScenarioCatalog } from './scenario-catalog';
import { exportScenarioPack, importScenarioPack } from './scenario-packs';

export function scenarioHandlers(
  workspace: Workspace,
  catalog: ScenarioCatalog,
  advisor: ScenarioAdvisor,
  /** Where imported packs are written: the scenario overlay of a read-only workspace (default: the workspace). */
  importFolder: string | null = null,
): HandlerGroup<
  | 'scenario.list'
  | 'scenario.exportPack'
  | 'scenario.importPack'
  | 'scenario.suggestions'
  | 'scenario.dismissSuggestion'
> {
  // One import at a time: two concurrent imports could both pass the id-clash check.
  let importing: Promise<unknown> = Promise.resolve();
  return {
    async 'scenario.list'() {
      return { scenarios: catalog.summaries() };
    },
    async 'scenario.exportPack'({ scenarioIds }) {
      return { pack: exportScenarioPack(catalog, workspace, scenarioIds) };
    },
    async 'scenario.importPack'({ text, replaceExisting }) {
      const run = importing.then(() =>
        importScenarioPack(text, { workspace, catalog, replaceExisting, folder: importFolder }),
      );
      importing = run.catch(() => undefined);
      return run;
    },
    async 'scenario.suggestions'() {
      return { suggestions: advisor.suggestions() };
    },
    async 'scenario.dismissSuggestion'({ suggestionId }) {
      if (!advisor.dismiss(suggestionId))
        throw new ProtocolError('not-found', `no open suggestion '${suggestionId}'`);
      return {};
    },
  };
}
