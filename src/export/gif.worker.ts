/**
 * Encodes an animated GIF off the main thread. Protocol (plain postMessage, one GIF per worker):
 *
 *   → { type: 'frame', buffer }                         RGBA bytes of one frame (transferred)
 *   → { type: 'encode', width, height, delays }        after the last frame
 *   ← { type: 'progress', fraction }                   while encoding
 *   ← { type: 'done', bytes } | { type: 'error', message }
 *
 * The page cancels by terminating the worker.
 */
import { encodeGif } from './gif';

export type GifWorkerIn =
  | { type: 'frame'; buffer: ArrayBuffer }
  | { type: 'encode'; width: number; height: number; delays: number[] };
export type GifWorkerOut = { type: 'progress'; fraction: number } | { type: 'done'; bytes: Uint8Array } | { type: 'error'; message: string };

/** Posts one typed message to the page (`{ transfer }` is the form a worker's and a window's postMessage share). */
function post(m: GifWorkerOut, transfer: Transferable[] = []): void {
  self.postMessage(m, { transfer });
}
let frames: Uint8ClampedArray[] = [];

self.onmessage = (e: MessageEvent<GifWorkerIn>) => {
  const m = e.data;
  if (m.type === 'frame') {
    frames.push(new Uint8ClampedArray(m.buffer));
    return;
  }
  try {
    let last = -1;
    const bytes = encodeGif(frames, m.width, m.height, m.delays, {
      onProgress: (fraction) => {
        // At most a hundred messages.
        const pct = Math.floor(fraction * 100);
        if (pct !== last) {
          last = pct;
          post({ type: 'progress', fraction });
        }
      },
    });
    frames = [];
    post({ type: 'done', bytes }, [bytes.buffer]);
  } catch (err) {
    frames = [];
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
