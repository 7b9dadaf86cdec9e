// The demo's alarms.json: the departments an operator dispatches to (派单) and the alarm sound per severity.
// The names are the kinds of office a Shanghai district's command room dispatches to; the ids are ours.
import type { z } from 'zod';
import type { alarmSettingsSchema } from '../../../shared/model/incident';

export function buildAlarms(): z.input<typeof alarmSettingsSchema> {
  return {
    version: 1,
    departments: [
      { id: 'emergency', name: '应急管理局' },
      { id: 'city-management', name: '城管执法' },
      { id: 'drainage', name: '排水公司' },
      { id: 'fire-rescue', name: '消防救援' },
      { id: 'police', name: '公安分局' },
      { id: 'traffic-police', name: '交警大队' },
      { id: 'street-office', name: '街道办事处' },
    ],
    sound: { blue: false, yellow: false, orange: true, red: true },
  };
}
