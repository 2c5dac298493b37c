import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Shade 8 and darker dimmed text keep every text/background pair at WCAG AA contrast (4.5:1); Mantine's
// defaults (blue.6, gray.6) fall near 3.5:1, which axe reports as serious.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  focusRing: 'always',
  components: {
    Badge: { defaultProps: { variant: 'filled' } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#5c636a',
    '--mantine-color-anchor': '#1864ab',
    '--mantine-color-error': '#c92a2a',
  },
  dark: {},
});
