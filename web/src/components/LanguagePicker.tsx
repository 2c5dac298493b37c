import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n.ts';

// Each language names itself, so a user who cannot read the current one still finds theirs.
const ENDONYMS: Record<string, string> = { en: 'English', es: 'Español', fr: 'Français' };

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      size="xs"
      aria-label={t('shell.language')}
      data-testid="language-picker"
      value={i18n.language}
      onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
      data={LANGUAGES.map((l) => ({ value: l, label: ENDONYMS[l] }))}
    />
  );
}
