import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writablePaths } from './writable-paths';

describe('writablePaths', () => {
  it('an installed app on its embedded demo writes nothing into the app: everything goes to the per-user folder', () => {
    const paths = writablePaths(
      {
        workspaceDir: '/opt/Tianmu/resources/demo',
        isEmbeddedDemo: true,
        appDir: '/opt/Tianmu',
        stateDir: null,
        userDataDir: '/home/duty/.config/Tianmu',
      },
      path.posix,
    );
    expect(paths).toEqual({
      isWorkspaceReadOnly: true,
      state: '/home/duty/.config/Tianmu/wall-state',
      snapshotRoot: '/home/duty/.config/Tianmu',
      importedScenarios: '/home/duty/.config/Tianmu/scenarios',
      scenarioOverlay: '/home/duty/.config/Tianmu/scenarios',
      journal: '/home/duty/.config/Tianmu/journal',
    });
  });

  it('a workspace named inside the installed app folder (Windows, any case) is read-only too', () => {
    const paths = writablePaths(
      {
        workspaceDir: 'c:\\program files\\tianmu\\resources\\district-b',
        isEmbeddedDemo: false,
        appDir: 'C:\\Program Files\\Tianmu',
        stateDir: null,
        userDataDir: 'C:\\Users\\duty\\AppData\\Roaming\\Tianmu',
      },
      path.win32,
    );
    expect(paths.isWorkspaceReadOnly).toBe(true);
    expect(paths.importedScenarios).toBe('C:\\Users\\duty\\AppData\\Roaming\\Tianmu\\scenarios');
    expect(paths.snapshotRoot).toBe('C:\\Users\\duty\\AppData\\Roaming\\Tianmu');
  });

  it('the browser host on the embedded demo writes snapshots and imported packs under --state-dir', () => {
    const paths = writablePaths(
      {
        workspaceDir: '/srv/tianmu/resources/demo',
        isEmbeddedDemo: true,
        appDir: null,
        stateDir: '/var/lib/tianmu',
        userDataDir: null,
      },
      path.posix,
    );
    expect(paths).toEqual({
      isWorkspaceReadOnly: true,
      state: '/var/lib/tianmu',
      snapshotRoot: '/var/lib/tianmu',
      importedScenarios: '/var/lib/tianmu/scenarios',
      scenarioOverlay: '/var/lib/tianmu/scenarios',
      journal: '/var/lib/tianmu/journal',
    });
  });

  it('a workspace of its own is written as before: snapshots and packs in it, the state where asked', () => {
    const input = {
      workspaceDir: '/data/district-b',
      isEmbeddedDemo: false,
      appDir: '/opt/Tianmu',
      stateDir: null,
      userDataDir: null,
    };
    expect(writablePaths(input, path.posix)).toEqual({
      isWorkspaceReadOnly: false,
      state: '/data/district-b/.state',
      snapshotRoot: '/data/district-b',
      importedScenarios: '/data/district-b/scenarios',
      scenarioOverlay: null,
      journal: '/data/district-b/.state/journal',
    });
    const withStateDir = writablePaths({ ...input, stateDir: '/var/lib/tianmu' }, path.posix);
    expect(withStateDir.state).toBe('/var/lib/tianmu');
    expect(withStateDir.importedScenarios).toBe('/data/district-b/scenarios');
    expect(withStateDir.journal).toBe('/var/lib/tianmu/journal');
  });

  it('a folder beside the app whose name starts like it is not inside it', () => {
    const paths = writablePaths(
      {
        workspaceDir: '/opt/Tianmu-workspaces/district-b',
        isEmbeddedDemo: false,
        appDir: '/opt/Tianmu',
        stateDir: null,
        userDataDir: '/home/duty/.config/Tianmu',
      },
      path.posix,
    );
    expect(paths.isWorkspaceReadOnly).toBe(false);
    expect(paths.importedScenarios).toBe('/opt/Tianmu-workspaces/district-b/scenarios');
  });

  it('a checkout running its embedded demo without a state folder keeps it all under <workspace>/.state', () => {
    const paths = writablePaths(
      {
        workspaceDir: '/src/tianmu/resources/demo',
        isEmbeddedDemo: true,
        appDir: null,
        stateDir: null,
        userDataDir: null,
      },
      path.posix,
    );
    expect(paths.state).toBe('/src/tianmu/resources/demo/.state');
    expect(paths.scenarioOverlay).toBe('/src/tianmu/resources/demo/.state/scenarios');
    expect(paths.snapshotRoot).toBe('/src/tianmu/resources/demo/.state');
  });

  it('refuses a workspace inside the installed app with nowhere to write', () => {
    expect(() =>
      writablePaths(
        {
          workspaceDir: '/opt/Tianmu/resources/demo',
          isEmbeddedDemo: true,
          appDir: '/opt/Tianmu',
          stateDir: null,
          userDataDir: null,
        },
        path.posix,
      ),
    ).toThrow(/inside the application folder: give a state folder/);
  });
});
