import { describe, expect, it } from 'vitest';
import { explicitWindowOutput, tfWindowPadding } from '../../../scripts/models/convert/padding.ts';

describe('TF SAME / VALID padding', () => {
  it.each([
    // input, kernel, stride, dilation → before, after, output
    [256, 3, 2, 1, 0, 1, 128], // even input, stride 2: the one extra pixel goes after
    [255, 3, 2, 1, 1, 1, 128],
    [7, 3, 2, 1, 1, 1, 4],
    [4, 4, 1, 1, 1, 2, 4], // even kernel: asymmetric, more after
    [5, 3, 1, 1, 1, 1, 5],
    [5, 3, 1, 2, 2, 2, 5], // dilation 2 → effective kernel 5
    [8, 2, 2, 1, 0, 0, 4], // 2x2 pool on even input needs no pad
    [9, 2, 2, 1, 0, 1, 5],
    [3, 5, 1, 1, 2, 2, 3], // kernel larger than input
    [1, 3, 3, 1, 1, 1, 1],
  ])(
    'SAME in=%i k=%i s=%i d=%i → pads %i/%i, out %i',
    (input, kernel, stride, dilation, before, after, output) => {
      expect(tfWindowPadding('SAME', input, kernel, stride, dilation)).toEqual({ before, after, output });
    },
  );

  it.each([
    [256, 3, 2, 127],
    [7, 3, 1, 5],
    [8, 2, 2, 4],
    [9, 2, 2, 4],
    [3, 3, 3, 1],
  ])('VALID in=%i k=%i s=%i → out %i, no pads', (input, kernel, stride, output) => {
    expect(tfWindowPadding('VALID', input, kernel, stride)).toEqual({ before: 0, after: 0, output });
  });

  it('rejects a VALID window larger than the input', () => {
    expect(() => tfWindowPadding('VALID', 2, 3, 1)).toThrow();
  });

  it('SAME output is ceil(input / stride) for every size', () => {
    for (let input = 1; input <= 40; input++) {
      for (const kernel of [1, 2, 3, 4, 5]) {
        for (const stride of [1, 2, 3]) {
          const p = tfWindowPadding('SAME', input, kernel, stride);
          expect(p.output).toBe(Math.ceil(input / stride));
          expect(explicitWindowOutput(input, p.before, p.after, kernel, stride)).toBe(p.output);
          expect(p.after - p.before === 0 || p.after - p.before === 1).toBe(true);
        }
      }
    }
  });
});
