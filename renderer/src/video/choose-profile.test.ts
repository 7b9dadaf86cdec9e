// Profile choice by tile size: sub streams in small tiles, the main stream in large ones.
import { describe, expect, it } from 'vitest';
import { chooseProfile } from './choose-profile';

describe('chooseProfile', () => {
  it('picks the sub stream for tiles smaller than 960×540', () => {
    expect(chooseProfile('auto', { width: 480, height: 270 })).toBe('sub');
    expect(chooseProfile('auto', { width: 959, height: 540 })).toBe('sub');
    expect(chooseProfile('auto', { width: 1920, height: 400 })).toBe('sub');
  });

  it('picks the main stream from 960×540 up', () => {
    expect(chooseProfile('auto', { width: 960, height: 540 })).toBe('main');
    expect(chooseProfile('auto', { width: 3840, height: 2160 })).toBe('main');
  });

  it('keeps an explicit profile whatever the size', () => {
    expect(chooseProfile('main', { width: 100, height: 100 })).toBe('main');
    expect(chooseProfile('sub', { width: 3840, height: 2160 })).toBe('sub');
  });
});
