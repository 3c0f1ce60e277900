/**
 * The headless runner's entry point (CONTRACT.md §3; see cli.ts):
 *
 *   npm run --silent cli -- run --config FILE     FILE is JSON, or - for standard input
 *   npm run --silent cli -- run --url URL         a share link of the app, or just its query string
 *
 * Prints one JSON object on standard output, streamed in chunks. A bad config or URL exits with
 * status 2 and one line on standard error naming the field.
 */
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { OutputClosed, runCli, type CliIo } from './cli';
import { MAX_INPUT_CHARS } from './input';
import { sweepMain } from './sweep';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to a file descriptor, synchronously, so memory stays bounded whatever reads it. */
function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    try {
      const n = writeSync(fd, buf);
      buf = buf.subarray(n);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1); // a non-blocking pipe is full: wait for the reader
        continue;
      }
      if (code === 'EPIPE') throw new OutputClosed();
      throw e;
    }
  }
}

/** Reads a config, refusing a file far larger than any config before reading it into memory. */
function read(file: string): string {
  const fd = file === '-' ? 0 : openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isFile() && st.size > 4 * MAX_INPUT_CHARS) {
      throw new Error(`it is ${st.size} bytes; a config is at most ${MAX_INPUT_CHARS} characters`);
    }
    return readFileSync(fd, 'utf8');
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

const io: CliIo = {
  read,
  write: (chunk) => writeAll(1, chunk),
  error: (line) => {
    try {
      writeAll(2, line + '\n');
    } catch {
      // Nowhere left to report to.
    }
  },
};

const argv = process.argv.slice(2);
if (argv[0] === 'sweep') void sweepMain(argv.slice(1), io).then((code) => (process.exitCode = code));
else process.exitCode = runCli(argv, io);
