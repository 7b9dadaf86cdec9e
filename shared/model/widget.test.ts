// Widget option schemas: a patrol's block (分组轮巡) is optional, bounded, and a bad one names its field.
import { describe, expect, it } from 'vitest';
import { videoCellStreams, videoPatrolOptionsSchema, widgetConfigSchema } from './widget';

const patrol = (options: Record<string, unknown>) => ({
  kind: 'video.patrol',
  options: { cameraIds: ['cam-0001', 'cam-0002'], ...options },
});

/** The field path and message of the first problem, as the workspace loader reports them. */
function firstProblem(value: unknown): string {
  const result = widgetConfigSchema.safeParse(value);
  if (result.success) return 'valid';
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('video.patrol options: block', () => {
  it('leaves a patrol without a block as it was written (a 1×1 patrol), with the other defaults filled', () => {
    const parsed = videoPatrolOptionsSchema.parse({ cameraIds: ['cam-0001'] });
    expect(parsed).toEqual({ cameraIds: ['cam-0001'], dwellSeconds: 15, profile: 'auto' });
    expect('block' in parsed).toBe(false);
  });

  it('accepts blocks from 1×1 to 4×4', () => {
    for (const block of [
      { rows: 1, columns: 1 },
      { rows: 2, columns: 2 },
      { rows: 1, columns: 4 },
      { rows: 4, columns: 4 },
    ])
      expect(firstProblem(patrol({ block }))).toBe('valid');
  });

  it('rejects a bad block with a message that names the field', () => {
    expect(firstProblem(patrol({ block: { rows: 5, columns: 2 } }))).toBe(
      'options.block.rows: a patrol block has 1 to 4 rows',
    );
    expect(firstProblem(patrol({ block: { rows: 2, columns: 0 } }))).toBe(
      'options.block.columns: a patrol block has 1 to 4 columns',
    );
    expect(firstProblem(patrol({ block: { rows: 1.5, columns: 2 } }))).toBe(
      "options.block.rows: a patrol block's rows are a whole number",
    );
    expect(firstProblem(patrol({ block: { rows: 2 } }))).toMatch(/^options\.block\.columns: /);
    expect(firstProblem(patrol({ block: '2x2' }))).toMatch(/^options\.block: /);
  });
});

describe('videoCellStreams', () => {
  it("lists a camera tile's stream and every camera of a patrol, in cell order, with their profiles", () => {
    const cells = [
      widgetConfigSchema.parse({ kind: 'video.camera', options: { cameraId: 'cam-0007', profile: 'main' } }),
      widgetConfigSchema.parse({ kind: 'clock', options: {} }),
      widgetConfigSchema.parse(patrol({ profile: 'sub' })),
      widgetConfigSchema.parse({ kind: 'video.camera', options: { cameraId: 'cam-0003' } }),
    ];
    expect(videoCellStreams(cells)).toEqual([
      { cameraId: 'cam-0007', profile: 'main' },
      { cameraId: 'cam-0001', profile: 'sub' },
      { cameraId: 'cam-0002', profile: 'sub' },
      { cameraId: 'cam-0003', profile: 'auto' },
    ]);
  });
});
