// Wires the scheduler into the core: what it reads (the wall, the scenarios, the warning suggestions), what it does
// (switches the wall as actor `schedule`, journaled), who hears of it (every window) and its two requests.
import { ProtocolError } from '@shared/protocol/envelope';
import { DisposableStore, type Disposable } from '@shared/base/disposable';
import type { EventSender, HandlerGroup } from '../session';
import type { WallService } from '../wall/wall-service';
import type { ScenarioCatalog } from '../scenarios/scenario-catalog';
import type { ScenarioAdvisor } from '../scenarios/scenario-advisor';
import type { Audit } from '../auth/audit';
import type { Workspace } from '../workspace/load-workspace';
import { Scheduler, type ScheduleClock } from './scheduler';

export interface ScheduleServices {
  workspace: Pick<Workspace, 'schedules' | 'manifest'>;
  wall: WallService;
  catalog: ScenarioCatalog;
  advisor: ScenarioAdvisor;
  audit: Audit;
  /** Every open window hears the schedule's changes. */
  sessions: { readonly broadcast: EventSender };
  clock?: ScheduleClock;
  log?: (line: string) => void;
}

export interface StartedSchedules extends Disposable {
  readonly scheduler: Scheduler;
  readonly handlers: HandlerGroup<'schedule.status' | 'schedule.dismissSuggestion'>;
}

/** Starts following the workspace's schedule (a workspace without `schedules.json` has a scheduler that does nothing). */
export function startSchedules(services: ScheduleServices): StartedSchedules {
  const { wall, catalog, advisor, audit } = services;
  const scheduler = new Scheduler({
    schedule: services.workspace.schedules,
    defaultScenarioId: services.workspace.manifest.defaultScenario,
    scenarioName: (id) => catalog.get(id)?.name ?? { zh: id, en: id },
    wallScenarioId: () => wall.state.scenarioId,
    hasWarningSuggestion: () => advisor.suggestions().length > 0,
    activate: (scenarioId, ruleId) => {
      // The scenario may have been deleted since load; the schedule then logs and leaves the wall alone.
      if (!catalog.get(scenarioId)) {
        services.log?.(`[schedules] rule '${ruleId}': scenario '${scenarioId}' no longer exists`);
        return;
      }
      wall.execute({ type: 'scenario.activate', scenarioId });
      audit.system(
        {
          action: 'scenario.switched',
          target: { kind: 'scenario', id: scenarioId },
          result: 'ok',
          detail: { schedule: ruleId },
        },
        'schedule',
      );
    },
    clock: services.clock,
    log: services.log,
  });
  const listeners = new DisposableStore();
  listeners.add(wall.onChanged((state) => scheduler.onWallScenario(state.scenarioId)));
  listeners.add(scheduler.onChanged((status) => services.sessions.broadcast('schedule.changed', { status })));
  scheduler.start();
  return {
    scheduler,
    handlers: {
      async 'schedule.status'() {
        return { status: scheduler.status() };
      },
      async 'schedule.dismissSuggestion'(_params, { session }) {
        const suggestion = scheduler.status().suggestion;
        if (!suggestion || !scheduler.dismissSuggestion())
          throw new ProtocolError('not-found', 'no open schedule suggestion');
        audit.record(session, {
          action: 'schedule.dismissed',
          target: { kind: 'scenario', id: suggestion.scenarioId },
          result: 'ok',
          detail: { rule: suggestion.ruleId },
        });
        return {};
      },
    },
    dispose() {
      scheduler.stop();
      listeners.dispose();
    },
  };
}
