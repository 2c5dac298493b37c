import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <main>
        <Stack>
          <Title order={1}>{t('notFound.title')}</Title>
          <Text>{t('notFound.body')}</Text>
          <Anchor component={Link} to="/">
            {t('notFound.home')}
          </Anchor>
        </Stack>
      </main>
    </Container>
  );
}
