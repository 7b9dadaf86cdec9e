// The packaging config as electron-builder itself reads and validates it (offline): the Electron fuses that
// close the doors around the app's code are set (reasons in electron/main/README.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader and schema check (electron-builder depends on both), so a wrong key fails here.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function packagingConfig() {
  const config = await getConfig(root, path.join(root, 'build/electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('build/electron-builder.yml', () => {
  // Loading electron-builder and compiling its schema takes seconds on a busy machine.
  it(
    'passes electron-builder’s schema and flips the fuses: no Node entry points, encrypted cookies, ASAR only',
    { timeout: 60_000 },
    async () => {
      const config = await packagingConfig();
      expect(config.asar).toBe(true);
      expect(config.electronFuses).toEqual({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableCookieEncryption: true,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      });
    },
  );

  it(
    'refuses a misspelt fuse, so the check above cannot pass on a key electron-builder ignores',
    { timeout: 60_000 },
    async () => {
      const config = await getConfig(root, path.join(root, 'build/electron-builder.yml'), null);
      await expect(
        validateConfiguration(
          { ...config, electronFuses: { runAsNod: false } as never },
          new DebugLogger(false),
        ),
      ).rejects.toThrow(/configuration\.electronFuses/);
    },
  );
});
