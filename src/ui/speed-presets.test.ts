import { describe, expect, it } from 'vitest';
import { sliderToSpeed, speedToSlider, stepSpeed } from './speed-presets';

describe('speed presets', () => {
  it('steps up and down through the presets', () => {
    expect(stepSpeed(60, 1)).toBe(360);
    expect(stepSpeed(60, -1)).toBe(10);
    expect(stepSpeed(1000, 1)).toBe('max');
    expect(stepSpeed('max', 1)).toBe('max');
    expect(stepSpeed('max', -1)).toBe(1000);
    expect(stepSpeed(1, -1)).toBe(1);
    expect(stepSpeed(25, 1)).toBe(60);
  });
  it('maps the slider logarithmically', () => {
    expect(sliderToSpeed(0)).toBe(1);
    expect(sliderToSpeed(5)).toBe(100000);
    expect(sliderToSpeed(speedToSlider(60))).toBe(60);
  });
});
