import { describe, expect, it } from 'vitest';
import { money, signedQuantity } from './money-format';

describe('money format', () => {
  it('writes numbers a test can parse', () => {
    expect([signedQuantity(0), signedQuantity(-0), signedQuantity(100), signedQuantity(-100)]).toEqual(['0', '0', '100', '-100']);
    expect([money(0), money(-0.001), money(1234.5), money(-12.346)]).toEqual(['0.00', '0.00', '1234.50', '-12.35']);
  });
});
