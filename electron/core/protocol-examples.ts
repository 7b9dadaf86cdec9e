// Valid params of every protocol request, for the protocol fuzz test to start from and mutate one place of.
import type { RequestName, RequestParams } from '@shared/protocol';

/** The smallest PNG the snapshot check accepts: the signature and an IHDR chunk. */
const tinyPng = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]),
]).toString('base64');

/** Valid params of every request: a missing entry is a type error, so a new request is fuzzed from its start. */
export type Examples = { [N in RequestName]: readonly RequestParams<N>[] };

export function validExamples(known: { incidentId: string; packText: string }): Examples {
  const at = { displayId: 'left', cellIndex: 5 };
  return {
    'session.hello': [{ role: 'console' }, { role: 'wall', displayId: 'left', locale: 'zh-CN' }],
    'auth.login': [{ userId: 'viewer', password: 'not-the-password' }],
    'auth.logout': [{}],
    'auth.me': [{}],
    'auth.activity': [{}],
    'auth.unlock': [{ password: 'not-the-password' }],
    'wall.command': [
      { command: { type: 'scenario.activate', scenarioId: 'fire' } },
      { command: { type: 'scenario.return' } },
      {
        command: {
          type: 'display.setLayout',
          displayId: 'left',
          layout: { rows: 3, columns: 3, merges: [] },
        },
      },
      {
        command: { type: 'cell.move', displayId: 'left', cellIndex: 0, toDisplayId: 'right', toCellIndex: 1 },
      },
      { command: { type: 'cell.clear', ...at } },
      { command: { type: 'wall.undo' } },
      {
        command: {
          type: 'cell.assign',
          displayId: 'right',
          cellIndex: 2,
          widget: { kind: 'video.camera', options: { cameraId: 'cam-0042', profile: 'sub' } },
        },
      },
      { command: { type: 'cell.maximize', displayId: 'right', cellIndex: 1 } },
      { command: { type: 'cell.restore', displayId: 'right' } },
      {
        command: {
          type: 'cell.setState',
          displayId: 'left',
          cellIndex: 0,
          state: { center: [121.49, 31.24], zoom: 15.5 },
        },
      },
      { command: { type: 'camera.show', cameraId: 'cam-0001', displayId: 'right', cellIndex: 3 } },
      {
        command: {
          type: 'incident.showNearestCameras',
          incidentId: known.incidentId,
          count: 4,
          radiusMetres: 500,
          displayId: 'right',
        },
      },
      { command: { type: 'patrol.pause', ...at } },
      { command: { type: 'patrol.resume', ...at } },
      { command: { type: 'patrol.advance', ...at } },
    ],
    'wall.state': [{}],
    'topic.subscribe': [
      { topics: ['vitals/rain-1h', 'vitals/wind-speed'] },
      // One topic asked for many times is one subscription, answered once.
      { topics: Array.from({ length: 20 }, () => 'vitals/rain-1h') },
      // A KPI asks for the latest values only, a trend for the history too.
      { topics: ['vitals/rain-1h'], history: 'none' },
      { topics: ['vitals/rain-1h'], history: 'all' },
    ],
    'topic.unsubscribe': [{ topics: ['vitals/rain-1h', 'vitals/wind-speed'] }],
    'cameras.get': [{ ids: ['cam-0001', 'cam-0002'] }, {}],
    'media.resolve': [{ cameraId: 'cam-0001', profile: 'sub' }],
    'media.release': [{ cameraId: 'cam-0001', profile: 'sub' }],
    'cameras.onlineRates': [{}],
    'media.prefetch': [{ displayId: 'right' }],
    'media.snapshot': [{ cameraId: 'cam-0001', png: tinyPng }],
    'playback.recordings': [{ cameraId: 'cam-0001', from: Date.now() - 24 * 3600_000, to: Date.now() }],
    'playback.start': [{ cameraId: 'cam-0001', from: Date.now() - 120_000 }],
    'playback.seek': [{ playbackId: 'playback-1', to: Date.now() - 600_000 }],
    'playback.pause': [{ playbackId: 'playback-1' }],
    'playback.resume': [{ playbackId: 'playback-1' }],
    'playback.speed': [{ playbackId: 'playback-1', speed: 2 }],
    'playback.stop': [{ playbackId: 'playback-1' }],
    'map.district': [{}],
    'map.baseMaps': [{}],
    'units.list': [{}],
    'incidents.list': [{}],
    'incidents.acknowledge': [{ id: known.incidentId, by: '李敏' }],
    'incidents.settings': [{}],
    'incidents.dispatch': [{ id: known.incidentId, department: 'drainage', note: '请速到场' }],
    'incidents.start': [{ id: known.incidentId, note: '已到场' }],
    'incidents.close': [{ id: known.incidentId, outcome: '积水已排除' }],
    'incidents.merge': [{ duplicateId: known.incidentId, keptId: 'demo-00002' }],
    'scenario.list': [{}],
    'scenario.exportPack': [{ scenarioIds: ['daily', 'fire'] }, {}],
    'scenario.importPack': [{ text: known.packText, replaceExisting: false }],
    'scenario.save': [{ name: '夜间值守', overwrite: false }],
    'scenario.suggestions': [{}],
    'scenario.dismissSuggestion': [{ suggestionId: 'flood-typhoon/rain-1h' }],
    'sources.list': [{}],
    'demo.typhoon': [{ action: 'status' }, { action: 'start', durationSeconds: 10 }, { action: 'stop' }],
    'feeds.stats': [{}],
    'vitals.levels': [{}],
    'sensors.list': [{}],
    'journal.query': [
      {},
      { filter: { userId: 'operator', action: 'scenario.switched', fromMs: 0, toMs: 1 }, pageSize: 20 },
      { filter: { cameraId: 'cam-0001', result: 'refused' }, pageSize: 1, cursor: 5 },
    ],
    'journal.export': [{ filter: { action: 'login' } }],
    // cam-0017 is a demo PTZ head (ptz-01); cam-0001 a fixed camera.
    'ptz.state': [{ cameraId: 'cam-0017' }, { cameraId: 'cam-0001' }],
    'ptz.move': [{ cameraId: 'cam-0017', direction: 'left', speed: 0.5 }],
    'ptz.stop': [{ cameraId: 'cam-0017' }],
    'ptz.presets': [{ cameraId: 'cam-0017' }],
    'ptz.goToPreset': [{ cameraId: 'cam-0017', presetId: '2' }],
    'ptz.areaZoom': [
      { cameraId: 'cam-0017', box: { x: 0.1, y: 0.1, width: 0.3, height: 0.3 }, zoomIn: true },
    ],
    'ptz.centre': [{ cameraId: 'cam-0017', point: { x: 0.8, y: 0.5 } }],
    'schedule.status': [{}],
    'schedule.dismissSuggestion': [{}],
  };
}
