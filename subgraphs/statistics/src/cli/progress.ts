import type { ImportProgress } from '../figures-import/import-figures.ts';

/** How often a log line is written when the output is not a terminal. */
const LOG_EVERY_MS = 10_000;
const REDRAW_EVERY_MS = 250;

const count = (value: number) => Math.round(value).toLocaleString('en');
const duration = (seconds: number) => {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/**
 * Progress of a long import: on a terminal one line redrawn in place (rows, rate, share of the file read, time
 * left); otherwise a log line every 10 s and one per phase after reading, so a log shows the import is alive.
 * `bytesRead` tells how much of the file (of `totalBytes`) has gone in, from which the time left is estimated.
 */
export function progressReporter(
  totalBytes: number | null,
  bytesRead: () => number,
  output: NodeJS.WriteStream = process.stdout,
) {
  const started = performance.now();
  const terminal = Boolean(output.isTTY);
  let last: ImportProgress = { phase: 'reading', rows: 0 };
  let drawn = 0;
  const line = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = last.rows / Math.max(seconds, 0.001);
    if (last.phase !== 'reading')
      return `${last.phase} ${count(last.rows)} rows (${duration(seconds)} so far)`;
    const share = totalBytes ? Math.min(1, bytesRead() / totalBytes) : null;
    const left = share && share > 0 ? (seconds / share) * (1 - share) : null;
    return [
      `reading ${count(last.rows)} rows`,
      `${count(rate)} rows/s`,
      ...(share === null ? [] : [`${Math.floor(share * 100)} %`]),
      ...(left === null ? [] : [`about ${duration(left)} left`]),
    ].join(' · ');
  };
  const draw = () => {
    if (terminal) output.write(`\r\x1b[2K${line()}`);
    else output.write(`${new Date().toISOString()} ${line()}\n`);
    drawn = performance.now();
  };
  const timer = setInterval(draw, terminal ? REDRAW_EVERY_MS : LOG_EVERY_MS);
  timer.unref();
  return {
    update: (progress: ImportProgress) => {
      const phaseChanged = progress.phase !== last.phase;
      last = progress;
      if (phaseChanged && (terminal || performance.now() - started >= LOG_EVERY_MS)) draw();
      else if (terminal && performance.now() - drawn >= REDRAW_EVERY_MS) draw();
    },
    /** Clears the line on a terminal, so that the summary takes its place. */
    stop: () => {
      clearInterval(timer);
      if (terminal && drawn) output.write('\r\x1b[2K');
    },
  };
}
