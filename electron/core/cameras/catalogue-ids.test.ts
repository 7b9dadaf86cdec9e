import { describe, expect, it } from 'vitest';
import type { Platform } from '@shared/model/camera';
import { idSchema } from '@shared/model/common';
import { platformCameraWallId, workspaceCameraIds } from './catalogue-ids';

const template: Platform = {
  id: 'demo',
  name: 'd',
  vendor: 'demo',
  kind: 'ws-flv',
  url: { main: 'a', sub: 'b' },
};
const zlm = {
  id: 'zlm',
  name: 'z',
  vendor: 'zlmediakit',
  kind: 'ws-flv',
  connector: { type: 'zlmediakit' },
} as unknown as Platform;

describe('platformCameraWallId', () => {
  it('lowercases and replaces what an id may not hold, within the 64 characters of an id', () => {
    expect(platformCameraWallId('zlm', 'Live/Cam 01')).toBe('zlm-live_cam_01');
    expect(platformCameraWallId('wvp', '34020000001320000001')).toBe('wvp-34020000001320000001');
    const long = platformCameraWallId('wvp', 'x'.repeat(200))!;
    expect(idSchema.safeParse(long).success).toBe(true);
    expect(platformCameraWallId('wvp', '//')).toBeNull();
  });
});

describe('workspaceCameraIds', () => {
  it("accepts cameras.json's ids and any id of a listing platform, never a template platform's prefix", () => {
    const hasCamera = workspaceCameraIds(['cam-0001'], [template, zlm]);
    expect(hasCamera('cam-0001')).toBe(true);
    expect(hasCamera('zlm-live_cam_01')).toBe(true);
    expect(hasCamera('zlm-')).toBe(false);
    expect(hasCamera('demo-cam-02')).toBe(false);
    expect(hasCamera('cam-0002')).toBe(false);
  });
});
