/**
 * The animated GIF encoder, checked by a small independent GIF decoder written here: the block
 * structure, the frame count and delays, the loop extension, and the decoded pixels.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeGif } from '../../src/export/gif';

interface Decoded {
  width: number;
  height: number;
  loop: number | null;
  palette: number[];
  /** Composited frames, 0xRRGGBB per pixel. */
  frames: Int32Array[];
  delays: number[];
  rects: { x: number; y: number; w: number; h: number }[];
}

/** LZW decoding of one image's sub-blocks (GIF flavour: variable code size, clear and end codes). */
function lzwDecode(data: Uint8Array, minCodeSize: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  let n = 0;
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  let dict: number[][] = [];
  const reset = () => {
    dict = [];
    for (let i = 0; i < clear; i++) dict.push([i]);
    dict.push([], []);
  };
  reset();
  let codeSize = minCodeSize + 1;
  let prev: number[] | null = null;
  let bitPos = 0;
  const read = (): number => {
    let v = 0;
    for (let i = 0; i < codeSize; i++, bitPos++) {
      if (bitPos >> 3 >= data.length) throw new Error('LZW data ended without an end code');
      v |= ((data[bitPos >> 3] >> (bitPos & 7)) & 1) << i;
    }
    return v;
  };
  for (;;) {
    const code = read();
    if (code === clear) {
      reset();
      codeSize = minCodeSize + 1;
      prev = null;
      continue;
    }
    if (code === end) break;
    let entry: number[];
    if (code < dict.length) entry = dict[code];
    else if (code === dict.length && prev) entry = [...prev, prev[0]];
    else throw new Error(`bad LZW code ${code} (table has ${dict.length})`);
    if (prev && dict.length < 4096) dict.push([...prev, entry[0]]);
    for (const v of entry) {
      if (n >= count) throw new Error('LZW data longer than the image');
      out[n++] = v;
    }
    prev = entry;
    if (dict.length === 1 << codeSize && codeSize < 12) codeSize++;
  }
  if (n !== count) throw new Error(`LZW data has ${n} pixels, expected ${count}`);
  return out;
}

function decodeGif(bytes: Uint8Array): Decoded {
  let p = 0;
  const u8 = () => {
    if (p >= bytes.length) throw new Error('unexpected end of file');
    return bytes[p++];
  };
  const u16 = () => u8() | (u8() << 8);
  const ascii = (n: number) => String.fromCharCode(...Array.from({ length: n }, u8));
  const subBlocks = (): Uint8Array => {
    const parts: number[] = [];
    for (let len = u8(); len !== 0; len = u8()) for (let i = 0; i < len; i++) parts.push(u8());
    return Uint8Array.from(parts);
  };
  if (ascii(6) !== 'GIF89a') throw new Error('not a GIF89a');
  const width = u16();
  const height = u16();
  const flags = u8();
  u8(); // background
  u8(); // aspect
  const palette: number[] = [];
  if (flags & 0x80) {
    const size = 1 << ((flags & 7) + 1);
    for (let i = 0; i < size; i++) palette.push((u8() << 16) | (u8() << 8) | u8());
  }
  const canvas = new Int32Array(width * height);
  const out: Decoded = { width, height, loop: null, palette, frames: [], delays: [], rects: [] };
  let delay = 0;
  for (;;) {
    const block = u8();
    if (block === 0x3b) break;
    if (block === 0x21) {
      const label = u8();
      if (label === 0xf9) {
        expect(u8()).toBe(4);
        u8(); // packed: disposal etc.
        delay = u16();
        u8(); // transparent index
        expect(u8()).toBe(0);
      } else if (label === 0xff) {
        const len = u8();
        const id = ascii(len);
        const data = subBlocks();
        if (id === 'NETSCAPE2.0' && data[0] === 1) out.loop = data[1] | (data[2] << 8);
      } else {
        subBlocks();
      }
      continue;
    }
    if (block !== 0x2c) throw new Error(`unknown block 0x${block.toString(16)} at ${p - 1}`);
    const rect = { x: u16(), y: u16(), w: u16(), h: u16() };
    const imageFlags = u8();
    expect(imageFlags & 0x80, 'no local colour table').toBe(0);
    const minCodeSize = u8();
    const pixels = lzwDecode(subBlocks(), minCodeSize, rect.w * rect.h);
    if (rect.x + rect.w > width || rect.y + rect.h > height) throw new Error('frame outside the canvas');
    for (let y = 0; y < rect.h; y++) {
      for (let x = 0; x < rect.w; x++) {
        const idx = pixels[y * rect.w + x];
        if (idx >= palette.length) throw new Error(`colour index ${idx} outside the palette`);
        canvas[(rect.y + y) * width + rect.x + x] = palette[idx];
      }
    }
    out.frames.push(canvas.slice());
    out.delays.push(delay);
    out.rects.push(rect);
  }
  if (p !== bytes.length) throw new Error('bytes after the trailer');
  return out;
}

function rgbOf(frame: Uint8ClampedArray): Int32Array {
  const out = new Int32Array(frame.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = (frame[4 * i] << 16) | (frame[4 * i + 1] << 8) | frame[4 * i + 2];
  return out;
}

/** A little race: a white plot with grey contour rings and two paths that grow frame by frame. */
function raceFrames(width: number, height: number, count: number): Uint8ClampedArray[] {
  const frames: Uint8ClampedArray[] = [];
  const set = (f: Uint8ClampedArray, x: number, y: number, c: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = 4 * (y * width + x);
    f[i] = c[0];
    f[i + 1] = c[1];
    f[i + 2] = c[2];
    f[i + 3] = 255;
  };
  for (let k = 0; k < count; k++) {
    const f = new Uint8ClampedArray(4 * width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const r = Math.hypot(x - width / 2, (y - height / 2) * 1.5);
        const ring = Math.round(r) % 9 === 0;
        set(f, x, y, ring ? [180, 180, 200] : [255, 255, 255]);
      }
    }
    for (let s = 0; s <= k; s++) {
      set(f, 5 + 3 * s, 5 + 2 * s, [220, 50, 47]);
      set(f, width - 6 - 2 * s, 8 + 3 * s, [38, 139, 210]);
    }
    frames.push(f);
  }
  return frames;
}

describe('animated GIF export', () => {
  it('writes a looping GIF89a whose frames decode to the input exactly when it has at most 256 colours', () => {
    const frames = raceFrames(64, 48, 12);
    frames.push(frames[frames.length - 1].slice()); // a frame that repeats the last one
    const gif = encodeGif(frames, 64, 48, 80);
    expect(new TextDecoder().decode(gif.subarray(0, 6))).toBe('GIF89a');
    expect(gif[gif.length - 1]).toBe(0x3b);
    const d = decodeGif(gif);
    expect([d.width, d.height]).toEqual([64, 48]);
    expect(d.loop).toBe(0);
    expect(d.frames).toHaveLength(frames.length);
    expect(d.delays).toEqual(frames.map(() => 8));
    d.frames.forEach((f, i) => expect(Array.from(f), `frame ${i}`).toEqual(Array.from(rgbOf(frames[i]))));
  });

  it('stores only the changed rectangle of each later frame', () => {
    const frames = raceFrames(64, 48, 5);
    frames.push(frames[4].slice());
    const d = decodeGif(encodeGif(frames, 64, 48, 50));
    expect(d.rects[0]).toEqual({ x: 0, y: 0, w: 64, h: 48 });
    // From frame k-1 to k, each path gains one point: red at (5+3k, 5+2k), blue at (58-2k, 8+3k).
    expect(d.rects[3]).toEqual({ x: 14, y: 11, w: 52 - 14 + 1, h: 17 - 11 + 1 });
    expect(d.rects[5]).toEqual({ x: 0, y: 0, w: 1, h: 1 });
    expect(Array.from(d.frames[5])).toEqual(Array.from(rgbOf(frames[5])));
  });

  it('takes one delay per frame, in hundredths of a second', () => {
    const frames = raceFrames(16, 16, 3);
    expect(decodeGif(encodeGif(frames, 16, 16, [100, 35, 2000])).delays).toEqual([10, 4, 200]);
    expect(decodeGif(encodeGif(frames, 16, 16, 40, { loop: 3 })).loop).toBe(3);
  });

  it('survives the LZW table filling up (random pixels, many clear codes) losslessly', () => {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 255;
    const w = 160;
    const h = 120;
    const frames = [0, 1].map(() => {
      const f = new Uint8ClampedArray(4 * w * h);
      for (let i = 0; i < w * h; i++) {
        const v = rand();
        f.set([v, 255 - v, (v * 7) & 255, 255], 4 * i);
      }
      return f;
    });
    const d = decodeGif(encodeGif(frames, w, h, 100));
    expect(d.palette.length).toBe(256);
    d.frames.forEach((f, i) => expect(Array.from(f)).toEqual(Array.from(rgbOf(frames[i]))));
  });

  it('round-trips any small frames with few colours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 0xffffff }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (w, h, colours, count, seed) => {
          let s = seed;
          const frames = Array.from({ length: count }, () => {
            const f = new Uint8ClampedArray(4 * w * h);
            for (let i = 0; i < w * h; i++) {
              s = (Math.imul(s, 48271) + 11) >>> 0;
              const c = colours[s % colours.length];
              f.set([c >> 16, (c >> 8) & 255, c & 255, 255], 4 * i);
            }
            return f;
          });
          const d = decodeGif(encodeGif(frames, w, h, 10));
          expect(d.frames).toHaveLength(count);
          d.frames.forEach((f, i) => expect(Array.from(f)).toEqual(Array.from(rgbOf(frames[i]))));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('approximates frames with more than 256 colours by a median-cut palette', () => {
    const w = 96;
    const h = 64;
    const f = new Uint8ClampedArray(4 * w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) f.set([(x * 255) / (w - 1), (y * 255) / (h - 1), 128 + ((x + y) % 64), 255], 4 * (y * w + x));
    }
    const d = decodeGif(encodeGif([f], w, h, 100));
    expect(d.palette.length).toBe(256);
    const want = rgbOf(f);
    let worst = 0;
    let total = 0;
    for (let i = 0; i < want.length; i++) {
      const a = d.frames[0][i];
      const b = want[i];
      const e = Math.max(Math.abs((a >> 16) - (b >> 16)), Math.abs(((a >> 8) & 255) - ((b >> 8) & 255)), Math.abs((a & 255) - (b & 255)));
      worst = Math.max(worst, e);
      total += e;
    }
    expect(total / want.length).toBeLessThan(12);
    expect(worst).toBeLessThan(48);
  });

  it('flattens transparency onto white', () => {
    const f = new Uint8ClampedArray([255, 0, 0, 0, 0, 0, 255, 255, 0, 0, 0, 128]);
    const d = decodeGif(encodeGif([f], 3, 1, 10));
    expect(Array.from(d.frames[0])).toEqual([0xffffff, 0x0000ff, 0x7f7f7f]);
  });

  it('rejects frames of the wrong size and empty animations, naming the problem', () => {
    expect(() => encodeGif([new Uint8ClampedArray(12)], 2, 2, 10)).toThrow(/frame 0 has 12 bytes, expected 16/);
    expect(() => encodeGif([], 2, 2, 10)).toThrow(/at least one frame/);
    expect(() => encodeGif([new Uint8ClampedArray(0)], 0, 0, 10)).toThrow(/1\.\.65535/);
  });
});
