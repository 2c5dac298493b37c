import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { askDeliveryConfirmation } from '../../api/exchange.ts';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

/**
 * Art. 10(4) over the exchange: asks the importing State's node to confirm receipt of a shipment; its signed
 * confirmation marks the shipment delivered (or raises a discrepancy alert) when it arrives.
 */
export function AskDelivery({ shipmentId, importCountry }: { shipmentId: string; importCountry: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (sent) {
    return (
      <Group gap="xs" data-testid="delivery-asked">
        <Text size="xs">{t('exchange.delivery.asked', { state: f.country(importCountry) })}</Text>
        <AnchorLink to="/exchange/sent/$id" params={{ id: sent }} size="xs">
          {t('exchange.delivery.view')}
        </AnchorLink>
      </Group>
    );
  }
  return (
    <Stack gap={4}>
      <Button
        size="compact-xs"
        variant="default"
        w="fit-content"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setSent((await askDeliveryConfirmation(shipmentId)).id);
          } catch (ex) {
            setError(ex);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('exchange.delivery.ask', { state: f.country(importCountry) })}
      </Button>
      <ErrorAlert error={error} />
    </Stack>
  );
}
