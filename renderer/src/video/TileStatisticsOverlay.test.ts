// The statistics overlay as an operator reads it: the figures in words and units, nothing before there are figures.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import TileStatisticsOverlay from './TileStatisticsOverlay.vue';
import type { TileStatistics } from './tile-statistics';

const figures: TileStatistics = {
  state: 'playing',
  latencyMs: 420,
  bufferMs: 300,
  transitMs: 120,
  framesPerSecond: 25,
  decodedFrames: 1_000,
  droppedFrames: 5,
  bitsPerSecond: 812_000,
  playbackRate: 1,
  videoCodec: 'avc1.4d401e',
  timeToFirstFrameMs: 600,
  reconnectCount: 0,
  url: 'ws://127.0.0.1:9/media/live/cam-01.flv',
};

describe('TileStatisticsOverlay', () => {
  it('shows latency, frame rate, dropped frames, bitrate, profile and state', () => {
    const wrapper = mount(TileStatisticsOverlay, {
      props: { statistics: figures, profile: 'sub', stateText: '播放中' },
    });
    const pairs = wrapper
      .findAll('dt')
      .map((term, index) => [term.text(), wrapper.findAll('dd')[index]!.text()]);
    expect(pairs).toEqual([
      ['延迟', '420 ms'],
      ['帧率', '25'],
      ['丢帧', '5 (0.5%)'],
      ['码率', '812 kbit/s'],
      ['码流', '子码流'],
      ['状态', '播放中'],
    ]);
  });

  it('shows a dash for a figure not known yet, and nothing at all before the player has figures', () => {
    const wrapper = mount(TileStatisticsOverlay, {
      props: {
        statistics: { ...figures, latencyMs: null, bitsPerSecond: null },
        profile: 'main',
        stateText: '',
      },
    });
    expect(wrapper.findAll('dd').map((value) => value.text())).toContain('—');
    const empty = mount(TileStatisticsOverlay, {
      props: { statistics: null, profile: 'main', stateText: '' },
    });
    expect(empty.find('[data-testid="tile-statistics"]').exists()).toBe(false);
  });
});
