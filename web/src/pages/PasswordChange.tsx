import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { rememberCsrf, useSession } from '../auth/session.tsx';
import { ErrorAlert, PageHeader, TONE } from '../components/ui.tsx';

export default function PasswordChange() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(false);
    if (next !== confirm) {
      setError(new ApiError({ status: 400, title: t('password.mismatchTitle'), errors: [{ field: 'confirm', message: t('password.mismatch') }] }));
      return;
    }
    setBusy(true);
    try {
      const raw = await api<Record<string, unknown> | undefined>('/auth/password', { method: 'POST', body: { currentPassword: current, newPassword: next } });
      if (raw && typeof raw === 'object') rememberCsrf(raw);
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <>
      <PageHeader title={t('password.title')} subtitle={user?.mustChangePassword ? t('password.mustChange') : t('password.subtitle')} />
      <Paper withBorder p="lg" maw={480}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <PasswordInput label={t('password.current')} autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={fields.currentPassword} />
            <PasswordInput label={t('password.new')} description={t('password.rules')} autoComplete="new-password" required value={next} onChange={(e) => setNext(e.currentTarget.value)} error={fields.newPassword ?? fields.password} />
            <PasswordInput label={t('password.confirm')} autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={fields.confirm} />
            <ErrorAlert error={error} shownFields={['currentPassword', 'newPassword', 'password', 'confirm']} />
            {done ? (
              <Alert color={TONE.green} variant="outline" role="status">
                {t('password.done')}
              </Alert>
            ) : null}
            <Button type="submit" loading={busy}>
              {t('password.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
