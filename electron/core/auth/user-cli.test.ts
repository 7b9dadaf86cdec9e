// The `user` CLI on a temporary copy of the demo workspace: add, passwd, disable, enable and list, round trip.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { usersFileSchema } from '@shared/model/user';
import { AuthService } from './auth-service';
import { runUserCommand } from './user-cli';
import { WorkspaceError } from '../files/workspace-error';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cheap = { N: 2 ** 10, r: 8, p: 1 };
let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'tianmu-user-cli-'));
  await cp(path.join(root, 'resources/demo'), workspace, { recursive: true });
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/** Runs `tianmu user …` in-process with `input` piped to its standard input. */
async function user(args: string[], input = '') {
  const stdin = new PassThrough();
  stdin.end(input);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const code = await runUserCommand([...args, '--workspace', workspace], { stdin, stdout, stderr }, cheap);
  return { code, stdout: stdout.read()?.toString() ?? '', stderr: stderr.read()?.toString() ?? '' };
}

async function signIn(id: string, password: string) {
  const file = usersFileSchema.parse(JSON.parse(await readFile(path.join(workspace, 'users.json'), 'utf8')));
  const auth = new AuthService({
    users: file.users,
    policy: file.policy,
    clock: () => 0,
    passwordParameters: cheap,
  });
  const result = await auth.login(id, password, { address: '127.0.0.1', window: 'console' });
  return result.ok ? 'signed in' : result.refusal.reason;
}

describe('tianmu user', () => {
  it('adds a grid operator, changes the password, disables and enables, and lists the users', async () => {
    const added = await user(
      [
        'add',
        'laoximen-02',
        '--name',
        '网格员 周八',
        '--role',
        'operator',
        '--grids',
        'laoximen-02',
        '--password-stdin',
      ],
      'first-password\n',
    );
    expect(added).toEqual({
      code: 0,
      stdout: "users.json: added user 'laoximen-02' (operator)\n",
      stderr: '',
    });
    expect(await signIn('laoximen-02', 'first-password')).toBe('signed in');

    expect((await user(['passwd', 'laoximen-02', '--password-stdin'], 'second-password\n')).code).toBe(0);
    expect(await signIn('laoximen-02', 'first-password')).toBe('invalid-credentials');
    expect(await signIn('laoximen-02', 'second-password')).toBe('signed in');

    expect((await user(['disable', 'laoximen-02'])).code).toBe(0);
    expect(await signIn('laoximen-02', 'second-password')).toBe('disabled');
    const listed = await user(['list']);
    expect(listed.stdout).toMatch(/^laoximen-02 +operator +disabled +grid:laoximen-02 +网格员 周八$/m);
    expect(listed.stdout).toMatch(/^waitan-operator +operator +enabled +street:waitan +外滩街道 陈七$/m);
    expect(listed.stdout).not.toMatch(/scrypt|salt|hash/);

    expect((await user(['enable', 'laoximen-02'])).code).toBe(0);
    expect(await signIn('laoximen-02', 'second-password')).toBe('signed in');
    // Written atomically: no temporary file is left beside users.json.
    expect((await readdir(workspace)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('creates users.json in a workspace that has none', async () => {
    await rm(path.join(workspace, 'users.json'));
    expect((await user(['list'])).stdout).toBe('no users\n');
    const added = await user(
      ['add', 'chief', '--name', '主任', '--role', 'admin', '--all', '--password-stdin'],
      'pw-chief-1',
    );
    expect(added.code).toBe(0);
    expect(await signIn('chief', 'pw-chief-1')).toBe('signed in');
  });

  it('refuses a street the district does not have, naming users.json and the field, and writes nothing', async () => {
    const before = await readFile(path.join(workspace, 'users.json'), 'utf8');
    const error = await user(
      ['add', 'x-operator', '--name', 'X', '--role', 'operator', '--streets', 'atlantis', '--password-stdin'],
      'long-enough\n',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkspaceError);
    // The new user is the last of the file: its index is the number of users before it.
    const index = (JSON.parse(before) as { users: unknown[] }).users.length;
    expect((error as Error).message).toBe(
      `users.json → users.${index}.areas.streets.0: no street 'atlantis' in district.geojson`,
    );
    expect(await readFile(path.join(workspace, 'users.json'), 'utf8')).toBe(before);
  });

  it('refuses a password on the command line, a short password, and a prompt without a terminal', async () => {
    const onCommandLine = await user(['passwd', 'operator', '--password', 'secret-secret']);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toMatch(/Unknown option '--password'/);
    const short = await user(['passwd', 'operator', '--password-stdin'], 'short\n');
    expect(short).toMatchObject({ code: 2, stderr: 'tianmu user: a password has at least 8 characters\n' });
    const noTerminal = await user(['passwd', 'operator']);
    expect(noTerminal.stderr).toMatch(/not a terminal: give --password-stdin/);
  });

  it('refuses an existing id, an unknown user, a bad role and missing areas', async () => {
    const exists = await user(['add', 'operator', '--name', 'A', '--role', 'operator', '--all']);
    expect(exists.stderr).toMatch(/user 'operator' exists/);
    expect((await user(['disable', 'nobody'])).stderr).toMatch(/no user 'nobody'/);
    expect((await user(['add', 'new-one', '--name', 'A', '--role', 'boss', '--all'])).stderr).toMatch(
      /--role is one of viewer, operator, trainer, admin/,
    );
    expect((await user(['add', 'new-one', '--name', 'A', '--role', 'viewer'])).stderr).toMatch(/give --all/);
  });

  it('runs as `cli.ts user` with the password piped to standard input', async () => {
    const run = promisify(execFile);
    const child = run(
      path.join(root, 'node_modules/.bin/tsx'),
      [
        '--tsconfig',
        'tsconfig.node.json',
        path.join(root, 'electron/cli.ts'),
        'user',
        'passwd',
        'viewer',
        '--workspace',
        workspace,
        '--password-stdin',
      ],
      { cwd: root },
    );
    child.child.stdin?.end('piped-password\n');
    expect((await child).stdout).toBe("users.json: changed the password of 'viewer'\n");
    expect(await signIn('viewer', 'piped-password')).toBe('signed in');
  }, 30_000);
});
