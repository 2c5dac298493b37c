import { useCallback, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { Button, Group, Modal, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Asks for the reason that the audit log records with an administrative action, in a labelled,
 * keyboard-operable dialog (the browser's own prompt box is neither translatable nor accessible).
 * `ask()` resolves with the reason, or null when the user cancels.
 */
export function useReasonDialog(): [ask: () => Promise<string | null>, dialog: ReactElement] {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const resolver = useRef<((value: string | null) => void) | null>(null);

  const finish = useCallback((value: string | null) => {
    resolver.current?.(value);
    resolver.current = null;
    setOpened(false);
    setReason('');
  }, []);

  const ask = useCallback(
    () =>
      new Promise<string | null>((resolve) => {
        resolver.current = resolve;
        setOpened(true);
      }),
    [],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) finish(reason.trim());
  };

  const dialog = (
    <Modal opened={opened} onClose={() => finish(null)} title={t('common.reason')} centered closeButtonProps={{ 'aria-label': t('common.cancel') }}>
      <form onSubmit={submit} noValidate>
        <Textarea label={t('admin.reasonPrompt')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => finish(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!reason.trim()}>
            {t('common.submit')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
  return [ask, dialog];
}
