import { Box, Text } from '@mantine/core';

export interface Bar {
  key: string;
  label: string;
  value: number;
  color?: string;
}

/**
 * A horizontal bar chart in plain SVG: a few hundred bytes instead of a charting library on the
 * dashboard's critical path (the sign-in + dashboard budget is 300 KB of gzipped JavaScript). The
 * figures are also in the accessible table the chart summarises, so screen readers lose nothing.
 */
export function BarChart({ bars, title, format, scale = 'linear', scaleNote }: { bars: Bar[]; title: string; format: (n: number) => string; scale?: 'linear' | 'log'; scaleNote?: string }) {
  // A logarithmic scale keeps 12 stolen items visible beside 101,000 active ones (a linear one draws them as 1 pixel).
  const measure = (v: number) => (scale === 'log' ? Math.log10(1 + v) : v);
  const max = Math.max(measure(1), ...bars.map((b) => measure(b.value)));
  const rowH = 26;
  const labelW = 150;
  const width = 520;
  const height = bars.length * rowH + 4;
  return (
    <Box>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} data-testid="bar-chart">
        <title>{title}</title>
        {bars.map((b, i) => {
          const w = Math.max(2, ((width - labelW - 70) * measure(b.value)) / max);
          const y = i * rowH + 2;
          return (
            <g key={b.key}>
              <text x={labelW - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#212529">
                {b.label}
              </text>
              <rect x={labelW} y={y + 4} width={w} height={rowH - 8} rx="2" fill={b.color ?? '#1971c2'} />
              <text x={labelW + w + 6} y={y + 17} fontSize="13" fill="#212529">
                {format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {bars.length === 0 ? <Text c="dimmed">—</Text> : null}
      {scale === 'log' && scaleNote && bars.length > 1 ? (
        <Text size="xs" c="dimmed">
          {scaleNote}
        </Text>
      ) : null}
    </Box>
  );
}
