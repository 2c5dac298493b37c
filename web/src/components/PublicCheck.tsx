import { Alert, Container, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguagePicker } from './LanguagePicker.tsx';
import { TONE } from './ui.tsx';

/**
 * The frame of a page answered without signing in, reached from a QR code on a printed document
 * (licence verification, disposal certificate check): the name, a language picker, one heading, and
 * a placeholder while the public check answers. What the page may show is decided by the server's
 * public answer; this frame adds nothing to it.
 */
export function PublicCheckPage({ title, pending, children }: { title: string; pending: boolean; children: ReactNode }) {
  return (
    <Container size="md" py="lg">
      <Group justify="space-between" mb="md">
        <Text fw={800} size="lg" c="blue.9">
          Custodia
        </Text>
        <LanguagePicker />
      </Group>
      <main>
        <Stack>
          <Title order={1} size="h2">
            {title}
          </Title>
          {pending ? <Skeleton height={200} /> : null}
          {children}
        </Stack>
      </main>
    </Container>
  );
}

/** The answer when no document carries the number asked about (the test id and data-status are what tests and screen readers find). */
export function NotFoundCheck({ title, number, explain, testId }: { title: string; number: string; explain: string; testId: string }) {
  return (
    <Alert color={TONE.red} variant="outline" title={title} data-testid={testId} data-status="not_found" role="status">
      <Text size="sm">{number}</Text>
      <Text size="sm">{explain}</Text>
    </Alert>
  );
}

/** One labelled line of what a document says (a row header, so a screen reader reads label and value together). */
export function FactRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={220}>
        {label}
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'normal' }}>{children}</Table.Td>
    </Table.Tr>
  );
}
