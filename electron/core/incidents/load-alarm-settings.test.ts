import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAlarmSettings } from './load-alarm-settings';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tianmu-alarms-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('loadAlarmSettings', () => {
  it('without alarms.json: no departments, sound for orange and red', async () => {
    expect(await loadAlarmSettings(directory)).toEqual({
      version: 1,
      departments: [],
      sound: { blue: false, yellow: false, orange: true, red: true },
    });
  });

  it('reads the departments and the sound of alarms.json', async () => {
    await writeFile(
      path.join(directory, 'alarms.json'),
      JSON.stringify({
        version: 1,
        departments: [{ id: 'drainage', name: '排水公司' }],
        sound: { red: false },
      }),
    );
    expect(await loadAlarmSettings(directory)).toMatchObject({
      departments: [{ id: 'drainage', name: '排水公司' }],
      sound: { orange: true, red: false },
    });
  });

  it('refuses a duplicate department id, naming the file and the field', async () => {
    await writeFile(
      path.join(directory, 'alarms.json'),
      JSON.stringify({
        version: 1,
        departments: [
          { id: 'police', name: '公安分局' },
          { id: 'police', name: '交警大队' },
        ],
      }),
    );
    await expect(loadAlarmSettings(directory)).rejects.toThrow(/alarms\.json.*departments\.1\.id.*duplicate/);
  });
});
