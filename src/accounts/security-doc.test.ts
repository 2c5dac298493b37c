import { describe, expect, it } from 'vitest';
import { BEGIN, END, renderMatrix, spliceGenerated } from './security-doc.ts';
import { accountsPolicy } from './policy.ts';

describe('docs/security.md generator', () => {
  const policies = new Map([['accounts', accountsPolicy.table]]);
  const routes = [
    { method: 'POST', url: '/api/v1/auth/login', public: true },
    { method: 'GET', url: '/api/v1/accounts/users', permission: 'accounts.users.read' },
  ];
  const md = renderMatrix(policies, routes);

  it('lists every permission with a tick for exactly the roles allowed', () => {
    const line = md.split('\n').find((l) => l.startsWith('| `accounts.users.read`'))!;
    const cells = line.split('|').map((c) => c.trim());
    // cells: '', permission, 10 roles, routes, ''
    expect(cells.slice(2, 12)).toEqual(['✓', '', '', '', '', '', '✓', '', '', '']);
    expect(cells[12]).toBe('1');
    for (const permission of Object.keys(accountsPolicy.table)) expect(md).toContain(`| \`${permission}\` |`);
  });

  it('lists every route with what it requires', () => {
    expect(md).toContain('| POST | `/api/v1/auth/login` | public |');
    expect(md).toContain('| GET | `/api/v1/accounts/users` | `accounts.users.read` |');
  });

  it('rewrites only the generated part of the document', () => {
    const doc = `# Security\n\nprose\n\n${BEGIN}\nold\n${END}\n\nafter\n`;
    const out = spliceGenerated(doc, 'new');
    expect(out).toContain('prose');
    expect(out).toContain('after');
    expect(out).toContain('new');
    expect(out).not.toContain('old');
    expect(spliceGenerated(out, 'new')).toBe(out);
    expect(spliceGenerated('# S\n', 'x')).toBe(`# S\n\n${BEGIN}\n\nx\n\n${END}\n`);
  });
});
