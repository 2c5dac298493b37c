import { useEffect } from 'react';
import { AppShell, Burger, Group, Loader, Menu, NavLink, ScrollArea, Text, UnstyledButton, Center } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { TONE } from '../components/ui.tsx';
import { setUnauthorizedHandler } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { NAV, type NavItem } from '../nav.ts';
import { LanguagePicker } from './LanguagePicker.tsx';

function visible(item: NavItem, can: (p: string) => boolean): boolean {
  return item.anyOf.some(can);
}

export function Shell() {
  const { t } = useTranslation();
  const { user, loading, can, signOut } = useSession();
  const navigate = useNavigate();
  const location = useRouterState({ select: (s) => s.location });
  const [opened, { toggle, close }] = useDisclosure();

  // A 401 from any call means the session ended: go to sign-in once. The handler reads the location
  // when it fires (not when it was registered) and is removed on unmount, so a 401 seen while the
  // sign-in page is already showing cannot stack redirects onto redirects.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname === '/login') return;
      const here = `${window.location.pathname}${window.location.search}`;
      void navigate({ to: '/login', search: { redirect: here === '/' ? undefined : here } });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);

  useEffect(() => {
    // While the lazily loaded sign-in page is pending, this shell is still mounted and already sees
    // /login as its location: redirecting again from there would nest redirects without end.
    if (location.pathname === '/login') return;
    if (!loading && !user) void navigate({ to: '/login', search: { redirect: location.href === '/' ? undefined : location.href } });
    else if (user?.mustChangePassword && location.pathname !== '/account/password') void navigate({ to: '/account/password' });
  }, [loading, user, navigate, location.href, location.pathname]);

  useEffect(close, [location.pathname, close]);

  const mustChange = Boolean(user?.mustChangePassword);
  if (loading || !user || (mustChange && location.pathname !== '/account/password')) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }

  // Until a one-time password is replaced the server refuses everything else: offer nothing else.
  const items = mustChange ? [] : NAV.filter((i) => visible(i, can));
  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(`${to}/`));
  // The most specific matching entry is the current one (so /registry/new does not also light /registry).
  const current = items.filter((i) => active(i.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <Text component={Link} to="/" fw={800} size="lg" c="blue.9" td="none">
              Custodia
            </Text>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('shell.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguagePicker />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton data-testid="user-menu" title={t('shell.userMenu', { name: user.displayName })}>
                  <Text size="sm" fw={600}>
                    {user.displayName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`roles.${user.role}`, { defaultValue: user.role })}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/account/password">
                  {t('shell.changePassword')}
                </Menu.Item>
                <Menu.Item
                  color={TONE.red}
                  onClick={async () => {
                    await signOut();
                    void navigate({ to: '/login' });
                  }}
                >
                  {t('shell.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
        <ScrollArea>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                active={current === item.to}
                aria-current={current === item.to ? 'page' : undefined}
                pl={item.indent ? 'xl' : undefined}
                variant="filled"
              />
            ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
