import { describe, expect, it } from 'vitest';
import { distinctLabels } from './ranking-labels';

describe('distinctLabels', () => {
  it('drops the suffix every street indicator shares, leaving the street names', () => {
    expect(distinctLabels(['南京东路12345工单', '外滩12345工单', '豫园12345工单'])).toEqual([
      '南京东路',
      '外滩',
      '豫园',
    ]);
  });

  it('keeps names that share nothing at the end', () => {
    expect(distinctLabels(['12345热线工单', '今日电梯困人'])).toEqual(['12345热线工单', '今日电梯困人']);
  });

  it('keeps a shared suffix that would leave a name with a single character', () => {
    expect(distinctLabels(['东区工单', '西区工单', '区工单'])).toEqual(['东区工单', '西区工单', '区工单']);
  });

  it('trims English names at the word boundary', () => {
    expect(distinctLabels(['The Bund 12345 tickets', 'Yuyuan 12345 tickets'])).toEqual([
      'The Bund',
      'Yuyuan',
    ]);
  });
});
