// `tianmu user add|passwd|disable|enable|list`: manages a workspace's users.json. The whole workspace is validated
// first, the new file is checked like the loader checks it, and it replaces the old one atomically.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { idSchema } from '@shared/model/common';
import { roleSchema, usersFileSchema, type Areas, type User, type UsersFile } from '@shared/model/user';
import { loadWorkspace } from '../workspace/load-workspace';
import { WorkspaceError } from '../files/workspace-error';
import { writeFileAtomic } from '../files/atomic-file';
import { checkUsers } from './check-users';
import {
  hashPassword,
  maxPasswordLength,
  minPasswordLength,
  passwordParameters,
  type PasswordParameters,
} from './password-hash';
import { promptPassword, readPasswordFromStream, type PasswordInput } from './read-password';

export const userUsage = `usage: tianmu user <add|passwd|disable|enable|list> [ID] --workspace DIR [options]

  add ID --name NAME --role ROLE (--all | --streets A,B --grids X,Y)
                    add a user; ROLE is viewer, operator, trainer or admin; the areas are the cameras they see
  passwd ID         set a new password (every session of the user ends when Tianmu reloads users.json)
  disable ID        the user can no longer sign in; enable ID undoes it
  list              list the users (never their password hashes)

  --password-stdin  read the password from the first line of standard input (for scripts); otherwise it is
                    asked for twice on the terminal. Never on the command line: other users see it in ps.
`;

/** Where the CLI reads and writes. */
export interface UserCliIo {
  readonly stdin: PasswordInput;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

class UsageError extends Error {}

function areasOf(values: { all?: boolean; streets?: string; grids?: string }): Areas {
  const list = (text: string | undefined) =>
    text === undefined
      ? undefined
      : text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean);
  if (values.all) {
    if (values.streets !== undefined || values.grids !== undefined)
      throw new UsageError('--all sees the whole district: give it without --streets or --grids');
    return { all: true };
  }
  const streets = list(values.streets);
  const grids = list(values.grids);
  if (!streets?.length && !grids?.length) throw new UsageError('give --all, or --streets and/or --grids');
  return { ...(streets?.length ? { streets } : {}), ...(grids?.length ? { grids } : {}) };
}

async function newPassword(io: UserCliIo, fromStdin: boolean): Promise<string> {
  let password: string;
  if (fromStdin) {
    password = await readPasswordFromStream(io.stdin);
  } else {
    if (!io.stdin.isTTY)
      throw new UsageError('standard input is not a terminal: give --password-stdin and pipe the password');
    password = await promptPassword(io.stdin, io.stderr, 'new password: ');
    if ((await promptPassword(io.stdin, io.stderr, 'again: ')) !== password)
      throw new UsageError('the two passwords differ');
  }
  if ([...password].length < minPasswordLength)
    throw new UsageError(`a password has at least ${minPasswordLength} characters`);
  if (password.length > maxPasswordLength)
    throw new UsageError(`a password has at most ${maxPasswordLength} characters`);
  return password;
}

/** The new file, validated exactly as the workspace loader would validate it. */
function checked(next: UsersFile, district: Parameters<typeof checkUsers>[1]): UsersFile {
  const result = usersFileSchema.safeParse(next);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new WorkspaceError('users.json', issue.path.map(String).join('.'), issue.message);
  }
  const problem = checkUsers(result.data.users, district);
  if (problem) throw new WorkspaceError('users.json', problem.field, problem.problem);
  return result.data;
}

/** Runs one `user` sub-command; returns the exit code. A bad workspace throws its WorkspaceError. */
export async function runUserCommand(
  argv: readonly string[],
  io: UserCliIo,
  parameters: PasswordParameters = passwordParameters,
): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        all: { type: 'boolean' },
        streets: { type: 'string' },
        grids: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${userUsage}`);
    return 2;
  }
  const [action, typedId] = positionals;
  if (values.help) {
    io.stdout.write(userUsage);
    return 0;
  }
  try {
    if (!action || !['add', 'passwd', 'disable', 'enable', 'list'].includes(action))
      throw new UsageError(action ? `unknown user command '${action}'` : 'which user command?');
    if (!values.workspace) throw new UsageError('--workspace DIR is required');
    const workspace = await loadWorkspace(path.resolve(values.workspace));
    const file: UsersFile = workspace.users ?? usersFileSchema.parse({ version: 1, users: [] });

    if (action === 'list') {
      for (const user of file.users) {
        const areas = user.areas.all
          ? 'all'
          : [
              ...(user.areas.streets ?? []).map((id) => `street:${id}`),
              ...(user.areas.grids ?? []).map((id) => `grid:${id}`),
            ].join(',');
        io.stdout.write(
          `${user.id.padEnd(20)} ${user.role.padEnd(9)} ${user.disabled ? 'disabled' : 'enabled '} ${areas.padEnd(24)} ${user.displayName}\n`,
        );
      }
      if (file.users.length === 0) io.stdout.write('no users\n');
      return 0;
    }

    const idResult = idSchema.safeParse(typedId ?? '');
    if (!idResult.success)
      throw new UsageError(`user id '${typedId ?? ''}': ${idResult.error.issues[0]!.message}`);
    const id = idResult.data;
    const index = file.users.findIndex((user) => user.id === id);
    let users: User[];
    let said: string;
    if (action === 'add') {
      if (index !== -1) throw new UsageError(`user '${id}' exists: use passwd, disable or enable`);
      if (!values.name) throw new UsageError('--name NAME is required (shown on screen and in the journal)');
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new UsageError(`--role is one of ${roleSchema.options.join(', ')}`);
      const areas = areasOf(values);
      const password = await hashPassword(await newPassword(io, values['password-stdin']), parameters);
      users = [...file.users, { id, displayName: values.name, role: role.data, areas, password }];
      said = `added user '${id}' (${role.data})`;
    } else {
      if (index === -1) throw new UsageError(`no user '${id}' in users.json`);
      const user = file.users[index]!;
      let changed: User;
      if (action === 'passwd') {
        changed = {
          ...user,
          password: await hashPassword(await newPassword(io, values['password-stdin']), parameters),
        };
        said = `changed the password of '${id}'`;
      } else if (action === 'disable') {
        changed = { ...user, disabled: true };
        said = `disabled '${id}'`;
      } else {
        const { disabled: _disabled, ...enabled } = user;
        changed = enabled;
        said = `enabled '${id}'`;
      }
      users = file.users.map((item, position) => (position === index ? changed : item));
    }
    const next = checked({ ...file, users }, workspace.district);
    await writeFileAtomic(path.join(workspace.directory, 'users.json'), `${JSON.stringify(next, null, 2)}\n`);
    io.stdout.write(`users.json: ${said}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`tianmu user: ${error.message}\n`);
    return 2;
  }
}
