// Cross-checks one scenario against the workspace it belongs to (displays, layouts, cameras, indicators).
// Used by the workspace loader and by scenario-pack imports, so both refuse the same mistakes.
import type { Scenario } from '@shared/model/wall';
import { videoCellStreams } from '@shared/model/widget';
import { checkLayout, layoutCells } from '@shared/layout/grid';
import { ownValue } from '@shared/base/own-property';

/** What a scenario may refer to. */
export interface ScenarioReferences {
  readonly displayIds: readonly string[];
  readonly hasCamera: (cameraId: string) => boolean;
  readonly hasIndicator: (indicatorId: string) => boolean;
}

/** A problem in one field of a scenario (dotted path inside the scenario). */
export interface ScenarioProblem {
  readonly field: string;
  readonly problem: string;
}

/** The first problem of a scenario's references, or null; unknown cameras are all listed (`unknownCameras`). */
export function checkScenario(scenario: Scenario, references: ScenarioReferences): ScenarioProblem | null {
  for (const displayId of references.displayIds) {
    if (!ownValue(scenario.displays, displayId)) {
      return { field: `displays.${displayId}`, problem: 'missing: every display of the wall needs content' };
    }
  }
  for (const [displayId, content] of Object.entries(scenario.displays)) {
    const at = `displays.${displayId}`;
    if (!references.displayIds.includes(displayId))
      return { field: at, problem: 'no such display in wall.json' };
    const problem = checkLayout(content.layout);
    if (problem) return { field: `${at}.layout.${problem.split(':')[0]}`, problem: problem.split(': ')[1]! };
    const cellCount = layoutCells(content.layout).length;
    if (content.cells.length !== cellCount) {
      return {
        field: `${at}.cells`,
        problem: `the layout has ${cellCount} cells but ${content.cells.length} are given`,
      };
    }
    for (const [cellIndex, widget] of content.cells.entries()) {
      const cellAt = `${at}.cells.${cellIndex}.options`;
      if (widget.kind === 'video.camera' && !references.hasCamera(widget.options.cameraId)) {
        return { field: `${cellAt}.cameraId`, problem: `unknown camera '${widget.options.cameraId}'` };
      }
      if (widget.kind === 'video.patrol') {
        for (const [position, id] of widget.options.cameraIds.entries()) {
          if (!references.hasCamera(id))
            return { field: `${cellAt}.cameraIds.${position}`, problem: `unknown camera '${id}'` };
        }
      }
      if (widget.kind === 'vitals.gauge' && !references.hasIndicator(widget.options.indicatorId)) {
        return {
          field: `${cellAt}.indicatorId`,
          problem: `unknown indicator '${widget.options.indicatorId}'`,
        };
      }
      if (
        widget.kind === 'vitals.trend' ||
        widget.kind === 'vitals.kpi' ||
        widget.kind === 'vitals.ranking'
      ) {
        for (const [position, id] of widget.options.indicatorIds.entries()) {
          if (!references.hasIndicator(id)) {
            return { field: `${cellAt}.indicatorIds.${position}`, problem: `unknown indicator '${id}'` };
          }
        }
      }
    }
  }
  for (const [index, trigger] of scenario.triggers.entries()) {
    if (!references.hasIndicator(trigger.indicatorId)) {
      return {
        field: `triggers.${index}.indicatorId`,
        problem: `unknown indicator '${trigger.indicatorId}'`,
      };
    }
  }
  return null;
}

/** Every camera id a scenario shows that the workspace does not know, in order of appearance. */
export function unknownCameras(scenario: Scenario, hasCamera: (cameraId: string) => boolean): string[] {
  const unknown = new Set<string>();
  for (const content of Object.values(scenario.displays)) {
    for (const { cameraId } of videoCellStreams(content.cells))
      if (!hasCamera(cameraId)) unknown.add(cameraId);
  }
  return [...unknown];
}
