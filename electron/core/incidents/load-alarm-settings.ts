// Loads the workspace's optional `alarms.json` (departments for 派单, alarm sound per severity), validated with the
// shared schema; a bad file refuses the workspace naming file, field and problem, like every other file.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { alarmSettingsSchema, type AlarmSettings } from '@shared/model/incident';
import { loadFile } from '../workspace/load-workspace';

export const alarmSettingsFileName = 'alarms.json';

/** Without the file: no departments (派单 is unavailable) and sound for orange and red. */
export async function loadAlarmSettings(directory: string): Promise<AlarmSettings> {
  try {
    await access(path.join(directory, alarmSettingsFileName));
  } catch {
    return alarmSettingsSchema.parse({ version: 1 });
  }
  return loadFile(directory, alarmSettingsFileName, alarmSettingsSchema);
}
