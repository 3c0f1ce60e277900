/**
 * An animated GIF (GIF89a) encoder, DOM-free: RGBA frames in (e.g. from a canvas's getImageData,
 * or rendered offscreen), the bytes of a looping GIF out.
 *
 * - Palette: one global table of at most 256 colours. When the frames use at most 256 distinct
 *   colours (flat plots) the palette is exact and the GIF lossless; otherwise it comes from a
 *   median cut of the colours (at 5 bits per channel), and every pixel takes the nearest entry.
 * - Transparency is flattened onto white (a plot is opaque; GIF has only 1-bit alpha).
 * - Frames after the first store only the rectangle that changed since the previous frame
 *   (disposal "do not dispose"), which keeps a race, where only the paths grow, small.
 * - LZW with variable code sizes up to 12 bits and a clear code when the table is full.
 */

export interface GifOptions {
  /** Number of repetitions; 0 (the default) loops forever. */
  loop?: number;
  /** Called as the work advances with the fraction done (0 … 1), e.g. for a progress bar. */
  onProgress?: (fraction: number) => void;
}

/**
 * Encodes `frames` (each width·height·4 bytes of RGBA, row-major) as an animated GIF showing
 * each frame for `delayMs` (one value for all, or one per frame; GIF counts in 1/100 s).
 */
export function encodeGif(
  frames: Uint8ClampedArray[],
  width: number,
  height: number,
  delayMs: number | readonly number[],
  options: GifOptions = {},
): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new RangeError(`GIF size must be whole numbers in 1..65535 (got ${width}×${height})`);
  }
  if (frames.length === 0) throw new RangeError('a GIF needs at least one frame');
  const size = width * height;
  frames.forEach((f, i) => {
    if (f.length !== 4 * size) throw new RangeError(`frame ${i} has ${f.length} bytes, expected ${4 * size} (${width}×${height} RGBA)`);
  });
  const delays = frames.map((_, i) => {
    const ms = typeof delayMs === 'number' ? delayMs : delayMs[i] ?? delayMs[delayMs.length - 1] ?? 0;
    return Math.min(65535, Math.max(0, Math.round(ms / 10)));
  });

  const progress = options.onProgress ?? (() => {});
  const rgb = frames.map(flatten);
  const palette = buildPalette(rgb);
  progress(0.2);
  const indexed = rgb.map((f) => palette.map(f));
  progress(0.3);

  const out = new ByteWriter();
  const tableBits = Math.max(1, Math.ceil(Math.log2(Math.max(2, palette.colors.length))));
  const tableSize = 1 << tableBits;
  out.ascii('GIF89a');
  out.u16(width);
  out.u16(height);
  out.byte(0x80 | ((tableBits - 1) << 4) | (tableBits - 1)); // global table, its size
  out.byte(0); // background colour index
  out.byte(0); // pixel aspect ratio: unspecified
  for (let i = 0; i < tableSize; i++) {
    const c = palette.colors[i] ?? 0;
    out.byte((c >> 16) & 255);
    out.byte((c >> 8) & 255);
    out.byte(c & 255);
  }
  // NETSCAPE2.0 application extension: loop count.
  out.bytes([0x21, 0xff, 0x0b]);
  out.ascii('NETSCAPE2.0');
  out.bytes([0x03, 0x01]);
  out.u16(Math.max(0, Math.min(65535, options.loop ?? 0)));
  out.byte(0);

  const minCodeSize = Math.max(2, tableBits);
  const table = new Int16Array(4096 * 256).fill(-1); // the LZW table, shared by the frames
  for (let f = 0; f < indexed.length; f++) {
    const rect = f === 0 ? { x: 0, y: 0, w: width, h: height } : changedRect(indexed[f - 1], indexed[f], width, height);
    // Graphic control extension: disposal 1 (leave the frame in place), the delay.
    out.bytes([0x21, 0xf9, 0x04, 1 << 2]);
    out.u16(delays[f]);
    out.bytes([0, 0]);
    // Image descriptor: the rectangle, no local colour table, not interlaced.
    out.byte(0x2c);
    out.u16(rect.x);
    out.u16(rect.y);
    out.u16(rect.w);
    out.u16(rect.h);
    out.byte(0);
    out.byte(minCodeSize);
    lzw(crop(indexed[f], width, rect), minCodeSize, table, out);
    progress(0.3 + (0.7 * (f + 1)) / indexed.length);
  }
  out.byte(0x3b); // trailer
  return out.result();
}

/** RGBA → 0xRRGGBB per pixel, alpha composited over white. */
function flatten(rgba: Uint8ClampedArray): Int32Array {
  const n = rgba.length >> 2;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rgba[4 * i + 3];
    let r = rgba[4 * i];
    let g = rgba[4 * i + 1];
    let b = rgba[4 * i + 2];
    if (a !== 255) {
      const k = a / 255;
      r = Math.round(r * k + 255 * (1 - k));
      g = Math.round(g * k + 255 * (1 - k));
      b = Math.round(b * k + 255 * (1 - k));
    }
    out[i] = (r << 16) | (g << 8) | b;
  }
  return out;
}

interface Palette {
  colors: number[];
  map(frame: Int32Array): Uint8Array;
}

function buildPalette(frames: Int32Array[]): Palette {
  // Exact when the frames use at most 256 colours.
  const exact = new Map<number, number>();
  search: for (const f of frames) {
    for (let i = 0; i < f.length; i++) {
      const c = f[i];
      if (!exact.has(c)) {
        if (exact.size === 256) {
          exact.clear();
          break search;
        }
        exact.set(c, exact.size);
      }
    }
  }
  if (exact.size > 0) {
    return {
      colors: [...exact.keys()],
      map(frame) {
        const out = new Uint8Array(frame.length);
        for (let i = 0; i < frame.length; i++) out[i] = exact.get(frame[i])!;
        return out;
      },
    };
  }
  // Otherwise: median cut on a histogram of 15-bit colours (5 bits per channel). Start with one
  // box holding every colour; split the box with the largest (pixels × colour range) at the
  // weighted median of its widest channel, until there are 256 boxes; each box's colour is the
  // mean of its pixels. Every 15-bit colour then maps to the nearest palette entry.
  const count = new Float64Array(32768);
  const sum = new Float64Array(3 * 32768);
  for (const f of frames) {
    for (let i = 0; i < f.length; i++) {
      const c = f[i];
      const key = ((c >> 9) & 0x7c00) | ((c >> 6) & 0x3e0) | ((c >> 3) & 0x1f);
      count[key]++;
      sum[3 * key] += (c >> 16) & 255;
      sum[3 * key + 1] += (c >> 8) & 255;
      sum[3 * key + 2] += c & 255;
    }
  }
  const channel = (key: number, ch: number) => (key >> (10 - 5 * ch)) & 31;
  const describe = (keys: number[]) => {
    let pixels = 0;
    let widest = 0;
    let range = -1;
    for (let ch = 0; ch < 3; ch++) {
      let lo = 31;
      let hi = 0;
      for (const k of keys) {
        const v = channel(k, ch);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo > range) {
        range = hi - lo;
        widest = ch;
      }
    }
    for (const k of keys) pixels += count[k];
    return { keys, widest, score: keys.length > 1 ? pixels * (range + 1) : -1 };
  };
  const boxes = [describe([...count.keys()].filter((k) => count[k] > 0))];
  while (boxes.length < 256) {
    let at = 0;
    for (let i = 1; i < boxes.length; i++) if (boxes[i].score > boxes[at].score) at = i;
    const box = boxes[at];
    if (box.score < 0) break; // every box is a single colour
    const keys = box.keys.slice().sort((a, b) => channel(a, box.widest) - channel(b, box.widest));
    let total = 0;
    for (const k of keys) total += count[k];
    let cut = 1;
    for (let acc = count[keys[0]]; cut < keys.length - 1 && acc + count[keys[cut]] <= total / 2; cut++) acc += count[keys[cut]];
    boxes.splice(at, 1, describe(keys.slice(0, cut)), describe(keys.slice(cut)));
  }
  const colors = boxes.map(({ keys }) => {
    let n = 0;
    let r = 0;
    let g = 0;
    let b = 0;
    for (const k of keys) {
      n += count[k];
      r += sum[3 * k];
      g += sum[3 * k + 1];
      b += sum[3 * k + 2];
    }
    return (Math.round(r / n) << 16) | (Math.round(g / n) << 8) | Math.round(b / n);
  });
  const nearest = new Int16Array(32768).fill(-1);
  const lookup = (key: number): number => {
    if (nearest[key] >= 0) return nearest[key];
    const r = ((key >> 10) & 31) * 8 + 4;
    const g = ((key >> 5) & 31) * 8 + 4;
    const b = (key & 31) * 8 + 4;
    let best = 0;
    let bestD = Infinity;
    for (let j = 0; j < colors.length; j++) {
      const c = colors[j];
      const dr = ((c >> 16) & 255) - r;
      const dg = ((c >> 8) & 255) - g;
      const db = (c & 255) - b;
      const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db; // rough perceptual weights
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    return (nearest[key] = best);
  };
  return {
    colors,
    map(frame) {
      const out = new Uint8Array(frame.length);
      for (let i = 0; i < frame.length; i++) {
        const c = frame[i];
        out[i] = lookup(((c >> 9) & 0x7c00) | ((c >> 6) & 0x3e0) | ((c >> 3) & 0x1f));
      }
      return out;
    },
  };
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The bounding box of the pixels that differ; a 1×1 rectangle when nothing changed. */
function changedRect(prev: Uint8Array, next: Uint8Array, width: number, height: number): Rect {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (prev[row + x] !== next[row + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  if (x1 < 0) return { x: 0, y: 0, w: 1, h: 1 };
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

function crop(pixels: Uint8Array, width: number, r: Rect): Uint8Array {
  if (r.x === 0 && r.y === 0 && r.w === width && r.w * r.h === pixels.length) return pixels;
  const out = new Uint8Array(r.w * r.h);
  for (let y = 0; y < r.h; y++) out.set(pixels.subarray((r.y + y) * width + r.x, (r.y + y) * width + r.x + r.w), y * r.w);
  return out;
}

/** GIF's LZW: codes of growing width (up to 12 bits), packed LSB-first into sub-blocks of ≤ 255 bytes. */
function lzw(indices: Uint8Array, minCodeSize: number, table: Int16Array, out: ByteWriter): void {
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  // `table` maps (prefix code << 8 | next index) → code, -1 when absent; `used` lists the keys set
  // since the last clear, so that clearing (and leaving the table clean for the next frame) is cheap.
  const used = new Int32Array(4096);
  let usedCount = 0;
  let codeSize = minCodeSize + 1;
  let next = end + 1;

  const block = new Uint8Array(255);
  let blockLength = 0;
  let bits = 0;
  let nbits = 0;
  const emit = (code: number, size: number) => {
    bits |= code << nbits;
    nbits += size;
    while (nbits >= 8) {
      block[blockLength++] = bits & 255;
      bits >>>= 8;
      nbits -= 8;
      if (blockLength === 255) {
        out.byte(255);
        out.bytes(block);
        blockLength = 0;
      }
    }
  };

  emit(clear, codeSize);
  let prefix = indices[0];
  for (let i = 1; i < indices.length; i++) {
    const k = indices[i];
    const key = (prefix << 8) | k;
    const code = table[key];
    if (code >= 0) {
      prefix = code;
      continue;
    }
    emit(prefix, codeSize);
    if (next === 4096) {
      emit(clear, codeSize);
      for (let j = 0; j < usedCount; j++) table[used[j]] = -1;
      usedCount = 0;
      codeSize = minCodeSize + 1;
      next = end + 1;
    } else {
      if (next >= 1 << codeSize) codeSize++;
      table[key] = next++;
      used[usedCount++] = key;
    }
    prefix = k;
  }
  emit(prefix, codeSize);
  // The decoder adds a table entry on reading that last code too, and widens its codes when the
  // table reaches 2^codeSize: the end code must be written at the width it will read.
  if (next >= 1 << codeSize && codeSize < 12) codeSize++;
  for (let j = 0; j < usedCount; j++) table[used[j]] = -1;
  emit(end, codeSize);
  if (nbits > 0) emit(0, 8 - nbits);
  if (blockLength > 0) {
    out.byte(blockLength);
    out.bytes(block.subarray(0, blockLength));
  }
  out.byte(0); // block terminator
}

/** A growable byte buffer. */
class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  bytes(bs: ArrayLike<number>): void {
    this.reserve(bs.length);
    this.buf.set(bs, this.length);
    this.length += bs.length;
  }

  u16(v: number): void {
    this.byte(v & 255);
    this.byte((v >> 8) & 255);
  }

  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
