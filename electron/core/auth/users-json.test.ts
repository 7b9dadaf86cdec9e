// users.json as the workspace loader reads it: optional, validated, cross-checked against the district.
import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from '../workspace/load-workspace';
import { WorkspaceError } from '../files/workspace-error';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/demo');
const copies: string[] = [];

/** A private copy of the demo workspace whose users.json is edited (or removed, when `edit` gives null). */
async function demoWithUsers(
  edit: (users: { users: Record<string, unknown>[] } & Record<string, unknown>) => unknown,
) {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-users-'));
  copies.push(directory);
  await cp(demo, directory, { recursive: true });
  const file = path.join(directory, 'users.json');
  const edited = edit(JSON.parse(await readFile(file, 'utf8')));
  if (edited === null) await rm(file);
  else await writeFile(file, JSON.stringify(edited));
  return directory;
}

async function refusal(directory: string): Promise<WorkspaceError> {
  const error = await loadWorkspace(directory).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkspaceError);
  return error as WorkspaceError;
}

afterEach(async () => {
  await Promise.all(copies.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('users.json', () => {
  it('loads the demo users, one per role, a street operator and a street leader', async () => {
    const workspace = await loadWorkspace(demo);
    expect(workspace.users?.users.map((user) => [user.id, user.role])).toEqual([
      ['operator', 'operator'],
      ['viewer', 'viewer'],
      ['trainer', 'trainer'],
      ['admin', 'admin'],
      ['waitan-operator', 'operator'],
      ['leader', 'viewer'],
    ]);
    expect(workspace.users?.policy.lockAfterFailures).toBe(10);
  });

  it('leaves a workspace without users.json with no users', async () => {
    const workspace = await loadWorkspace(await demoWithUsers(() => null));
    expect(workspace.users).toBe(null);
  });

  it('fills in the default policy when the file has none', async () => {
    const workspace = await loadWorkspace(await demoWithUsers(({ policy: _policy, ...rest }) => rest));
    expect(workspace.users?.policy).toEqual({
      lockAfterFailures: 10,
      lockMinutes: 15,
      sessionHours: 12,
      idleMinutes: 60,
      lockAfterIdleMinutes: 10,
    });
  });

  it('refuses a console lock time under 15 seconds, naming file, field and problem', async () => {
    const error = await refusal(
      await demoWithUsers((file) => {
        return { ...file, policy: { ...(file.policy as object), lockAfterIdleMinutes: 0.1 } };
      }),
    );
    expect(error.message).toMatch(/^users\.json → policy\.lockAfterIdleMinutes: .*0\.25/);
  });

  it('refuses an unknown role, naming file, field and problem', async () => {
    const error = await refusal(
      await demoWithUsers((file) => {
        file.users[2]!.role = 'superuser';
        return file;
      }),
    );
    expect(error.message).toMatch(/^users\.json → users\.2\.role: .*viewer.*operator.*trainer.*admin/);
  });

  it('refuses a misspelt key instead of ignoring it (a "disable" must not leave an account open)', async () => {
    const error = await refusal(
      await demoWithUsers((file) => {
        file.users[1]!.disable = true;
        return file;
      }),
    );
    expect(error.file).toBe('users.json');
    expect(error.field).toBe('users.1');
    expect(error.problem).toMatch(/disable/);
  });

  it('refuses a password hash that is not scrypt, and an absurd cost', async () => {
    const md5 = await refusal(
      await demoWithUsers((file) => {
        (file.users[0]!.password as Record<string, unknown>).algorithm = 'md5';
        return file;
      }),
    );
    expect(md5.field).toBe('users.0.password.algorithm');
    const costly = await refusal(
      await demoWithUsers((file) => {
        (file.users[0]!.password as Record<string, unknown>).N = 2 ** 24;
        return file;
      }),
    );
    expect(costly.field).toBe('users.0.password.N');
  });

  it('refuses a hash whose parameters would take more than 256 MiB to check (N = 2^20 with r = 8 is 1 GiB)', async () => {
    const error = await refusal(
      await demoWithUsers((file) => {
        Object.assign(file.users[0]!.password as Record<string, unknown>, { N: 2 ** 20, r: 8 });
        return file;
      }),
    );
    expect(error.field).toBe('users.0.password.N');
    expect(error.problem).toMatch(/256 MiB/);
  });

  it('refuses areas that are neither all nor a street or grid', async () => {
    const error = await refusal(
      await demoWithUsers((file) => {
        file.users[4]!.areas = { streets: [] };
        return file;
      }),
    );
    expect(error.field).toBe('users.4.areas');
    expect(error.problem).toMatch(/all: true.*street or grid/);
  });

  it('refuses a street or grid the district does not have, naming the position', async () => {
    const street = await refusal(
      await demoWithUsers((file) => {
        file.users[4]!.areas = { streets: ['waitan', 'atlantis'] };
        return file;
      }),
    );
    expect(street.message).toBe(
      "users.json → users.4.areas.streets.1: no street 'atlantis' in district.geojson",
    );
    const grid = await refusal(
      await demoWithUsers((file) => {
        file.users[4]!.areas = { grids: ['waitan'] };
        return file;
      }),
    );
    expect(grid.message).toBe("users.json → users.4.areas.grids.0: no grid 'waitan' in district.geojson");
  });

  it('refuses two users with one id', async () => {
    const error = await refusal(
      await demoWithUsers((file) => {
        file.users[3]!.id = 'operator';
        return file;
      }),
    );
    expect(error.message).toBe("users.json → users.3.id: duplicate id 'operator'");
  });

  it('refuses a file of another version', async () => {
    const error = await refusal(await demoWithUsers((file) => ({ ...file, version: 2 })));
    expect(error.field).toBe('version');
  });
});
