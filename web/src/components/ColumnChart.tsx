import { Box, Group, Table, Text, VisuallyHidden } from '@mantine/core';

export interface Series {
  key: string;
  label: string;
}

/** Eight dark tones that keep 3:1 against white (WCAG 1.4.11 for graphics), then grey for "other". */
const PALETTE = ['#1864ab', '#b02525', '#1b5e20', '#9a4400', '#6a1b9a', '#0b5e6b', '#364fc7', '#5c3d00', '#495057'];

/**
 * Stacked columns over time in plain SVG (no charting library on the bundle): one column per bucket
 * (year or month), one coloured segment per series. The same figures follow in a table, so a screen
 * reader or a printout loses nothing.
 */
export function ColumnChart({
  title,
  buckets,
  series,
  value,
  format,
  testId,
  bucketLabel,
  bucketFormat = (b) => b,
}: {
  title: string;
  /** Header of the table's first column ("Year", "Month"). */
  bucketLabel: string;
  buckets: string[];
  series: Series[];
  value: (bucket: string, key: string) => number;
  format: (n: number) => string;
  testId?: string;
  /** How a bucket is shown (a year or month as is; a code through its label). */
  bucketFormat?: (bucket: string) => string;
}) {
  const width = 720;
  const height = 240;
  const left = 56;
  const bottom = 28;
  const totals = buckets.map((b) => series.reduce((s, x) => s + value(b, x.key), 0));
  const max = Math.max(1, ...totals);
  const step = (width - left - 8) / Math.max(1, buckets.length);
  const barW = Math.max(4, Math.min(48, step * 0.7));
  const y = (v: number) => ((height - bottom - 8) * v) / max;
  const color = (i: number) => PALETTE[Math.min(i, PALETTE.length - 1)];
  return (
    <Box data-testid={testId}>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        <title>{title}</title>
        <line x1={left} y1={height - bottom} x2={width - 4} y2={height - bottom} stroke="#495057" />
        <text x={left - 6} y={12} textAnchor="end" fontSize="11" fill="#212529">
          {format(max)}
        </text>
        <text x={left - 6} y={height - bottom} textAnchor="end" fontSize="11" fill="#212529">
          0
        </text>
        {buckets.map((b, bi) => {
          let acc = 0;
          const x = left + bi * step + (step - barW) / 2;
          return (
            <g key={b}>
              {series.map((s, si) => {
                const v = value(b, s.key);
                if (!v) return null;
                const h = Math.max(1, y(v));
                acc += h;
                return (
                  <rect key={s.key} x={x} y={height - bottom - acc} width={barW} height={h} fill={color(si)}>
                    <title>{`${bucketFormat(b)} · ${s.label}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {buckets.length <= 24 || bi % Math.ceil(buckets.length / 24) === 0 ? (
                <text x={x + barW / 2} y={height - bottom + 16} textAnchor="middle" fontSize="11" fill="#212529">
                  {bucketFormat(b)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Group gap="md" mt={4} aria-hidden="true">
        {series.map((s, i) => (
          <Group key={s.key} gap={4}>
            <Box w={12} h={12} style={{ background: color(i) }} />
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
      </Group>
      {buckets.length === 0 ? <Text c="dimmed">—</Text> : null}
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={title} mt="xs">
        <Table className="dense" data-testid={testId ? `${testId}-table` : undefined} miw={400}>
          <VisuallyHidden component="caption">{title}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{bucketLabel}</Table.Th>
              {series.map((s) => (
                <Table.Th key={s.key} scope="col">
                  {s.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {buckets.map((b) => (
              <Table.Tr key={b}>
                <Table.Th scope="row">{bucketFormat(b)}</Table.Th>
                {series.map((s) => (
                  <Table.Td key={s.key}>{format(value(b, s.key))}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Box>
  );
}
