import { describe, expect, it } from 'vitest';
import { eventSchemas, requestSchemas } from './messages';
import { requestEnvelopeSchema, serverEnvelopeSchema } from './envelope';
import { describeIssues } from './validation';

describe('protocol schemas', () => {
  it('accept well-formed wall commands', () => {
    const params = requestSchemas['wall.command'].params;
    expect(
      params.safeParse({ command: { type: 'scenario.activate', scenarioId: 'flood-typhoon' } }).success,
    ).toBe(true);
    expect(params.safeParse({ command: { type: 'scenario.return' } }).success).toBe(true);
    expect(
      params.safeParse({
        command: {
          type: 'cell.assign',
          displayId: 'right',
          cellIndex: 3,
          widget: { kind: 'video.camera', options: { cameraId: 'cam-0007' } },
        },
      }).success,
    ).toBe(true);
  });

  it('reject malformed commands with a message naming the field', () => {
    const params = requestSchemas['wall.command'].params;
    const unknownType = params.safeParse({ command: { type: 'scenario.delete', scenarioId: 'daily' } });
    expect(unknownType.success).toBe(false);

    const badCell = params.safeParse({
      command: {
        type: 'cell.assign',
        displayId: 'right',
        cellIndex: -1,
        widget: { kind: 'clock', options: {} },
      },
    });
    expect(badCell.success).toBe(false);
    expect(describeIssues(badCell.error!)).toMatch(/^command\.cellIndex: /);

    const badCamera = params.safeParse({
      command: {
        type: 'cell.assign',
        displayId: 'right',
        cellIndex: 0,
        widget: { kind: 'video.camera', options: { cameraId: 'CAM 7' } },
      },
    });
    expect(describeIssues(badCamera.error!)).toMatch(/command\.widget\.options\.cameraId/);
  });

  it('fill option defaults from the one declaration in shared/model/widget.ts', () => {
    const parsed = requestSchemas['wall.command'].params.parse({
      command: {
        type: 'cell.assign',
        displayId: 'left',
        cellIndex: 0,
        widget: { kind: 'video.camera', options: { cameraId: 'cam-0001' } },
      },
    });
    expect(parsed.command).toMatchObject({ widget: { options: { profile: 'auto' } } });
  });

  it('bound topic subscriptions and reject odd topic names', () => {
    const params = requestSchemas['topic.subscribe'].params;
    expect(params.safeParse({ topics: ['vitals/rain-1h'] }).success).toBe(true);
    expect(params.safeParse({ topics: [] }).success).toBe(false);
    expect(params.safeParse({ topics: ['../etc/passwd'] }).success).toBe(false);
    expect(
      params.safeParse({ topics: Array.from({ length: 501 }, (_, index) => `t/${index}`) }).success,
    ).toBe(false);
  });

  it('frame requests, responses and events', () => {
    expect(
      requestEnvelopeSchema.safeParse({ type: 'request', id: 1, name: 'session.hello', params: {} }).success,
    ).toBe(true);
    expect(requestEnvelopeSchema.safeParse({ type: 'request', name: 'session.hello' }).success).toBe(false);
    expect(
      serverEnvelopeSchema.safeParse({
        type: 'response',
        id: 1,
        ok: false,
        error: { code: 'x', message: 'y' },
      }).success,
    ).toBe(true);
    expect(serverEnvelopeSchema.safeParse({ type: 'response', id: 1, ok: false }).success).toBe(false);
    expect(
      eventSchemas['topic.updated'].safeParse({ values: [{ topic: 'vitals/aqi', value: 42, ts: 1 }] })
        .success,
    ).toBe(true);
    expect(
      eventSchemas['topic.updated'].safeParse({ values: [{ topic: 'vitals/aqi', value: '42', ts: 1 }] })
        .success,
    ).toBe(false);
  });
});

describe('wall and scenario protocol additions', () => {
  it('accept maximise, restore and widget-state commands, and refuse state that is not JSON', () => {
    const params = requestSchemas['wall.command'].params;
    expect(
      params.safeParse({ command: { type: 'cell.maximize', displayId: 'left', cellIndex: 2 } }).success,
    ).toBe(true);
    expect(params.safeParse({ command: { type: 'cell.restore', displayId: 'left' } }).success).toBe(true);
    expect(
      params.safeParse({
        command: {
          type: 'cell.setState',
          displayId: 'left',
          cellIndex: 0,
          state: { zoom: 15, center: [121, 31] },
        },
      }).success,
    ).toBe(true);
    const notJson = params.safeParse({
      command: { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: { at: new Date() } },
    });
    expect(notJson.success).toBe(false);
  });

  it('cap pack imports by size and default to not replacing existing scenarios', () => {
    const params = requestSchemas['scenario.importPack'].params;
    expect(params.parse({ text: '{}' })).toEqual({ text: '{}', replaceExisting: false });
    expect(params.safeParse({ text: 'x'.repeat(2 * 1024 * 1024 + 1) }).success).toBe(false);
  });

  it('carry the state hash with every state broadcast', () => {
    const event = eventSchemas['wall.stateChanged'];
    const state = {
      version: 1,
      scenarioId: 'daily',
      displays: {},
      maximized: {},
      cellState: {},
      history: [],
      changedAt: 0,
    };
    expect(event.safeParse({ state }).success).toBe(false);
    expect(event.safeParse({ state, stateHash: 'a'.repeat(64) }).success).toBe(true);
  });
});
