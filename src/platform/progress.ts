/**
 * A one-line progress bar with rate and ETA for the terminal (stderr), redrawn at most every
 * `intervalMs`. When stderr is not a terminal (CI logs, pipes) it prints a plain line every few
 * seconds instead of carriage-return redraws.
 */
export interface ProgressSnapshot {
  /**
   * Work done so far and in total, in whatever unit is known up front (for an import, bytes of the
   * input: the only honest measure before the rows are counted). Gives the bar and the ETA; a total of
   * 0 means unknown (count and rate only).
   */
  done: number;
  total: number;
  /** Things processed so far, for the count and the rate. */
  count: number;
  /** What `count` counts (default "rows"). */
  unit?: string;
  /** Rows refused so far, shown only when given. */
  invalid?: number;
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
  if (p.total <= 0) {
    // Nothing known up front: the count and the rate, never an invented percentage.
    const elapsed = elapsedMs / 1000;
    const rate = elapsed > 0 ? p.count / elapsed : 0;
    const unit = p.unit ?? 'rows';
    return `${p.count.toLocaleString('en')} ${unit} ${Math.round(rate).toLocaleString('en')} ${unit}/s, ${formatDuration(elapsed)} elapsed`;
  }
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(fraction * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const elapsed = elapsedMs / 1000;
  const rate = elapsed > 0 ? p.count / elapsed : 0;
  const unit = p.unit ?? 'rows';
  const bad = p.invalid === undefined ? '' : ` (${p.invalid.toLocaleString('en')} bad)`;
  const eta = fraction > 0 && fraction < 1 ? (elapsed / fraction) * (1 - fraction) : fraction >= 1 ? 0 : NaN;
  const pct = (fraction * 100).toFixed(1).padStart(5);
  return `${bar} ${pct}% ${p.count.toLocaleString('en')} ${unit}${bad} ${Math.round(rate).toLocaleString('en')} ${unit}/s ETA ${formatDuration(eta)}`;
}

export interface ProgressBar {
  update(p: ProgressSnapshot): void;
  /** Final line (always printed), then `label` on its own line when it is not empty. */
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
      const line = renderProgress({ ...p, done: p.total }, Date.now() - started);
      const after = label ? `${label}\n` : '';
      stream.write(tty ? `\r${line}\x1b[K\n${after}` : `${line}\n${after}`);
    },
  };
}
