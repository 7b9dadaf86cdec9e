// The acts the journal keeps beside their handlers: every wall command (and the scenario switch it may be),
// scenario imports and saves (另存为场景), and the incident steps (确认, 派单, 处置中, 办结, 合并). A wall command may put
// only cameras the caller sees on the wall.
import { ProtocolError } from '@shared/protocol';
import type { Camera } from '@shared/model/camera';
import type { WallCommand } from '@shared/model/wall';
import { videoCellStreams } from '@shared/model/widget';
import type { CoreSession, HandlerGroup } from '../session';
import { areasInclude } from './principal';
import type { Audit, SessionRecord } from './audit';

type AuditedRequests =
  | 'wall.command'
  | 'scenario.importPack'
  | 'scenario.save'
  | 'incidents.acknowledge'
  | 'incidents.dispatch'
  | 'incidents.start'
  | 'incidents.close'
  | 'incidents.merge';

/** What a command acts on, for the journal's target. */
export function commandTarget(command: WallCommand): SessionRecord['target'] {
  if (command.type === 'scenario.activate') return { kind: 'scenario', id: command.scenarioId };
  if (command.type === 'camera.show') return { kind: 'camera', id: command.cameraId };
  if (command.type === 'incident.showNearestCameras') return { kind: 'incident', id: command.incidentId };
  if ('displayId' in command && command.displayId !== undefined)
    return { kind: 'display', id: command.displayId };
  return { kind: 'wall' };
}

/** Cameras a command would put on the shared wall by naming them. */
function camerasNamed(command: WallCommand): string[] {
  if (command.type === 'camera.show') return [command.cameraId];
  if (command.type === 'cell.assign')
    return videoCellStreams([command.widget]).map((stream) => stream.cameraId);
  return [];
}

export function withAudit(
  handlers: HandlerGroup<AuditedRequests>,
  audit: Audit,
  camera: (cameraId: string) => Camera | undefined,
): HandlerGroup<AuditedRequests> {
  const byId = { get: camera };
  /** A user may not bring a camera outside their areas onto the wall (that would show it to them). */
  const checkCameras = (session: CoreSession, command: WallCommand) => {
    const principal = session.principal;
    if (principal?.kind !== 'user') return;
    for (const cameraId of camerasNamed(command)) {
      const camera = byId.get(cameraId);
      if (!camera || areasInclude(principal.areas, camera)) continue;
      const reason = `摄像机 ${cameraId} 不在您的管辖区域内`;
      audit.record(session, {
        action: 'refused',
        target: { kind: 'camera', id: cameraId },
        result: 'refused',
        reason: `无权限：${reason}`,
      });
      throw new ProtocolError('forbidden', `无权限：${reason}`);
    }
  };
  return {
    async 'wall.command'(params, context) {
      const { command } = params;
      checkCameras(context.session, command);
      const detail = { type: command.type };
      let isApplied = false;
      // Called by the wall's handler once the command is applied, before it waits for the state's save: the
      // record's write + fdatasync runs beside the save's instead of after it, and the answer waits for both.
      const onApplied = () => {
        isApplied = true;
        const recorded = audit.recordDurably(context.session, {
          action: 'command',
          target: commandTarget(command),
          result: 'ok',
          detail,
        });
        if (command.type === 'scenario.activate' || command.type === 'scenario.return')
          audit.record(context.session, {
            action: 'scenario.switched',
            target:
              command.type === 'scenario.activate'
                ? { kind: 'scenario', id: command.scenarioId }
                : { kind: 'scenario' },
            result: 'ok',
            detail,
          });
        return recorded;
      };
      try {
        const answer = await handlers['wall.command'](params, { ...context, onApplied });
        // A handler that does not say when it applied the command is recorded once it answered, as before.
        if (!isApplied) await onApplied();
        return answer;
      } catch (error) {
        // An applied command is on the wall: it failed only to be recorded, and another record would fail too.
        if (!isApplied)
          audit.record(context.session, {
            action: 'command',
            target: commandTarget(command),
            result: 'failed',
            reason: (error as Error).message.slice(0, 500) || 'failed',
            detail,
          });
        throw error;
      }
    },
    async 'scenario.importPack'(params, context) {
      const answer = await handlers['scenario.importPack'](params, context);
      audit.record(context.session, {
        action: 'import',
        target: { kind: 'scenario-pack' },
        result: 'ok',
        detail: { imported: answer.imported.slice(0, 64), replaced: answer.replaced.slice(0, 64) },
      });
      return answer;
    },
    async 'scenario.save'(params, context) {
      const answer = await handlers['scenario.save'](params, context);
      audit.record(context.session, {
        action: 'scenario.saved',
        target: { kind: 'scenario', id: answer.scenarioId },
        result: 'ok',
        detail: { name: params.name, isReplaced: answer.isReplaced },
      });
      return answer;
    },
    async 'incidents.acknowledge'(params, context) {
      const answer = await handlers['incidents.acknowledge'](params, context);
      audit.record(context.session, {
        action: 'incident.acknowledged',
        target: { kind: 'incident', id: params.id },
        result: 'ok',
      });
      return answer;
    },
    async 'incidents.dispatch'(params, context) {
      const answer = await handlers['incidents.dispatch'](params, context);
      audit.record(context.session, {
        action: 'incident.dispatched',
        target: { kind: 'incident', id: params.id },
        result: 'ok',
        detail: { department: params.department, ...(params.note ? { note: params.note } : {}) },
      });
      return answer;
    },
    async 'incidents.start'(params, context) {
      const answer = await handlers['incidents.start'](params, context);
      audit.record(context.session, {
        action: 'incident.started',
        target: { kind: 'incident', id: params.id },
        result: 'ok',
      });
      return answer;
    },
    async 'incidents.close'(params, context) {
      const answer = await handlers['incidents.close'](params, context);
      audit.record(context.session, {
        action: 'incident.closed',
        target: { kind: 'incident', id: params.id },
        result: 'ok',
        detail: { outcome: params.outcome },
      });
      return answer;
    },
    async 'incidents.merge'(params, context) {
      const answer = await handlers['incidents.merge'](params, context);
      audit.record(context.session, {
        action: 'incident.merged',
        target: { kind: 'incident', id: params.duplicateId },
        result: 'ok',
        detail: { into: params.keptId },
      });
      return answer;
    },
  };
}
