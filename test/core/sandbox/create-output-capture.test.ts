import { describe, expect, it } from 'vitest';
import { createOutputCapture, cutMarker } from '../../../src/core/sandbox/create-output-capture.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('createOutputCapture', () => {
  it('keeps everything under the limit', () => {
    const capture = createOutputCapture(100);
    capture.push(bytes('hello '));
    capture.push(bytes('world'));
    expect(capture.finish()).toEqual({ text: 'hello world', bytes: 11, truncated: false });
  });

  it('keeps head and tail and marks the cut with the number of bytes cut', () => {
    const capture = createOutputCapture(10);
    for (const chunk of ['0123456789', 'abcdefghij', 'ABCDEFGHIJ']) capture.push(bytes(chunk));
    expect(capture.finish()).toEqual({ text: `01234${cutMarker(20)}FGHIJ`, bytes: 30, truncated: true });
  });

  it('counts every byte while memory stays bounded over many chunks', () => {
    const capture = createOutputCapture(1_000);
    const chunk = bytes('x'.repeat(10_000));
    for (let index = 0; index < 1_000; index += 1) capture.push(chunk);
    capture.push(bytes('THE-END'));
    const out = capture.finish();
    expect(out.bytes).toBe(10_000_007);
    expect(out.truncated).toBe(true);
    expect(out.text.endsWith('THE-END')).toBe(true);
    expect(out.text.length).toBeLessThan(1_100);
  });

  it('never splits a multi-byte character at either side of the cut', () => {
    const capture = createOutputCapture(9);
    capture.push(bytes('ééééé|ééééé')); // 2-byte characters around an ASCII bar
    const out = capture.finish();
    expect(out.text).not.toContain('\uFFFD');
    expect(out.text.startsWith('éé')).toBe(true);
    expect(out.text.endsWith('éé')).toBe(true);
    expect(out.text).toMatch(/cut \d+ bytes/);
  });

  it('handles a chunk that straddles the head boundary', () => {
    const capture = createOutputCapture(4);
    capture.push(bytes('abcdefgh'));
    expect(capture.finish().text).toBe(`ab${cutMarker(4)}gh`);
  });
});
