import { useState, type FormEvent } from 'react';
import { Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { rememberCsrf, SESSION_KEY, toSessionUser } from '../auth/session.tsx';
import { LanguagePicker } from '../components/LanguagePicker.tsx';
import { ErrorAlert } from '../components/ui.tsx';

export default function Login() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { redirect?: string };
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const raw = await api<Record<string, unknown>>('/auth/login', { method: 'POST', body: { username, password } });
      rememberCsrf(raw);
      const user = toSessionUser(raw);
      if (user) qc.setQueryData(SESSION_KEY, user);
      else await qc.invalidateQueries({ queryKey: SESSION_KEY });
      // Only same-site paths: an open redirect here would hand a phishing page a trusted login.
      const target = search.redirect && search.redirect.startsWith('/') && !search.redirect.startsWith('//') ? search.redirect : '/';
      await navigate({ to: target });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <Center mih="100vh" bg="gray.1">
      <main>
        <Paper withBorder shadow="sm" p="xl" w={380} radius="md">
          <form onSubmit={submit} noValidate aria-labelledby="login-title">
            <Stack>
              <Group justify="space-between">
                <Title order={1} size="h2" id="login-title">
                  {t('login.title')}
                </Title>
                <LanguagePicker />
              </Group>
              <Text size="sm" c="dimmed">
                {t('login.subtitle')}
              </Text>
              <TextInput
                label={t('login.username')}
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={fields.username}
                data-autofocus
                autoFocus
              />
              <PasswordInput
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fields.password}
              />
              <ErrorAlert error={error} shownFields={['username', 'password']} />
              <Button type="submit" loading={busy} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </main>
    </Center>
  );
}
