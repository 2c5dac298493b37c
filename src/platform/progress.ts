/**
 * A one-line progress bar with rate and ETA for the terminal (stderr), redrawn at most every
 * `intervalMs`. When stderr is not a terminal (CI logs, pipes) it prints a plain line every few
 * seconds instead of carriage-return redraws.
 */
export interface ProgressSnapshot {
  /** Bytes of the input read so far and in total: the only honest measure before the rows are counted. */
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  invalid: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The bar's text for a snapshot after `elapsedMs` (pure, so it is testable). */
export function renderProgress(p: ProgressSnapshot, elapsedMs: number, width = 30): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const filled = Math.round(fraction * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const elapsed = elapsedMs / 1000;
  const rate = elapsed > 0 ? p.rows / elapsed : 0;
  const eta = fraction > 0 && fraction < 1 ? (elapsed / fraction) * (1 - fraction) : fraction >= 1 ? 0 : NaN;
  const pct = (fraction * 100).toFixed(1).padStart(5);
  return `${bar} ${pct}% ${p.rows.toLocaleString('en')} rows (${p.invalid.toLocaleString('en')} bad) ${Math.round(rate).toLocaleString('en')} rows/s ETA ${formatDuration(eta)}`;
}

export interface ProgressBar {
  update(p: ProgressSnapshot): void;
  /** Final line (always printed), then a newline. */
  done(p: ProgressSnapshot, label: string): void;
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, intervalMs = 100): ProgressBar {
  const started = Date.now();
  const tty = Boolean(stream.isTTY);
  let last = 0;
  // Not a terminal: a plain line every few seconds (CUSTODIA_PROGRESS_EVERY_MS overrides, e.g. for the crash test).
  const quiet = Number(process.env.CUSTODIA_PROGRESS_EVERY_MS) || 5000;
  const every = tty ? intervalMs : quiet;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      const line = renderProgress(p, now - started);
      stream.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    done(p, label) {
      const line = renderProgress({ ...p, bytesRead: p.bytesTotal }, Date.now() - started);
      stream.write(tty ? `\r${line}\x1b[K\n${label}\n` : `${line}\n${label}\n`);
    },
  };
}
