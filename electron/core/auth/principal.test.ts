import { describe, expect, it } from 'vitest';
import type { Areas, Principal, Role } from '@shared/model/user';
import { areasInclude, canAdminister, canCommand, maySeeCamera } from './principal';

const user = (role: Role, areas: Areas): Principal => ({ kind: 'user', userId: role, role, areas });
const wallNode: Principal = { kind: 'machine', nodeId: 'wall-pc-1' };
const bundCamera = { id: 'cam-0001', street: 'waitan', grid: 'waitan-03' };
const yuyuanCamera = { id: 'cam-0100', street: 'yuyuan', grid: 'yuyuan-01' };
const wallShowing = (...ids: string[]) => ({ isShown: (id: string) => ids.includes(id) });

describe('principals', () => {
  it('lets operators, trainers and admins command; viewers and wall nodes never', () => {
    expect(canCommand(user('operator', { all: true }))).toBe(true);
    expect(canCommand(user('trainer', { all: true }))).toBe(true);
    expect(canCommand(user('admin', { all: true }))).toBe(true);
    expect(canCommand(user('viewer', { all: true }))).toBe(false);
    expect(canCommand(wallNode)).toBe(false);
  });

  it('lets only admins administer', () => {
    expect(canAdminister(user('admin', { all: true }))).toBe(true);
    expect(canAdminister(user('operator', { all: true }))).toBe(false);
    expect(canAdminister(wallNode)).toBe(false);
  });

  it('sees every camera with all: true', () => {
    expect(areasInclude({ all: true }, bundCamera)).toBe(true);
    expect(areasInclude({ all: true }, yuyuanCamera)).toBe(true);
  });

  it("sees a street's cameras only, with a street", () => {
    expect(areasInclude({ streets: ['waitan'] }, bundCamera)).toBe(true);
    expect(areasInclude({ streets: ['waitan'] }, yuyuanCamera)).toBe(false);
  });

  it("sees a grid's cameras, and a grid of another street alongside a street", () => {
    expect(areasInclude({ grids: ['yuyuan-01'] }, yuyuanCamera)).toBe(true);
    expect(areasInclude({ grids: ['yuyuan-02'] }, yuyuanCamera)).toBe(false);
    const both = { streets: ['waitan'], grids: ['yuyuan-01'] };
    expect(areasInclude(both, bundCamera) && areasInclude(both, yuyuanCamera)).toBe(true);
  });

  it('lets a street operator see another street’s camera only while the shared wall shows it', () => {
    const streetOperator = user('operator', { streets: ['waitan'] });
    expect(maySeeCamera(streetOperator, yuyuanCamera, wallShowing())).toBe(false);
    expect(maySeeCamera(streetOperator, yuyuanCamera, wallShowing('cam-0100'))).toBe(true);
    expect(maySeeCamera(streetOperator, bundCamera, wallShowing())).toBe(true);
  });

  it('lets a wall node see exactly what the wall shows', () => {
    expect(maySeeCamera(wallNode, bundCamera, wallShowing('cam-0001'))).toBe(true);
    expect(maySeeCamera(wallNode, yuyuanCamera, wallShowing('cam-0001'))).toBe(false);
  });
});
