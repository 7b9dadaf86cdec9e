import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultBaseMapCatalogue } from '@shared/model/base-map';
import { loadBaseMaps, resolveBaseMaps } from './load-base-maps';

let directory: string | undefined;
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

async function workspaceWith(text: string | null): Promise<string> {
  directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-basemaps-'));
  if (text !== null) await writeFile(path.join(directory, 'basemaps.json'), text);
  return directory;
}

const name = { zh: '天地图矢量', en: 'Tianditu' };
const tianditu = {
  id: 'tianditu-vec',
  type: 'wmts',
  name,
  crs: 'cgcs2000',
  url: 'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk={token}',
  layer: 'vec',
  matrixSet: 'w',
  tokenEnv: 'TIANMU_TIANDITU_TOKEN',
  attribution: '天地图 GS(2024)0568号',
};

describe('base-map catalogue', () => {
  it('defaults to the district vector map when the workspace has no basemaps.json', async () => {
    expect(await loadBaseMaps(await workspaceWith(null))).toEqual(defaultBaseMapCatalogue);
  });

  it('refuses a catalogue whose default is not one of its base maps, naming the field', async () => {
    const text = JSON.stringify({ default: 'amap', baseMaps: [tianditu] });
    await expect(loadBaseMaps(await workspaceWith(text))).rejects.toThrow(/basemaps\.json.*default/);
  });

  it('fills {token} from the core environment and hands windows no token fields', async () => {
    const catalogue = await loadBaseMaps(
      await workspaceWith(JSON.stringify({ default: 'tianditu-vec', baseMaps: [tianditu] })),
    );
    const resolved = resolveBaseMaps(catalogue, { TIANMU_TIANDITU_TOKEN: 'abc&123' });
    expect(resolved.baseMaps[0]).toMatchObject({
      url: 'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk=abc%26123',
    });
    expect(resolved.baseMaps[0]).not.toHaveProperty('tokenEnv');
  });
});
