import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MESSAGE_CATALOGUE } from './messages.ts';
import { CAVEAT_CODES, MESSAGE_TYPES, REFUSAL_CODES } from './model.ts';

/** docs/exchange.md is the format other States implement from: it must name everything the code accepts. */
const doc = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/exchange.md'), 'utf8');
const named = (s: string) => doc.includes(`\`${s}\``);

describe('docs/exchange.md', () => {
  it('lists every refusal code, message type and caveat code', () => {
    expect(REFUSAL_CODES.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
    expect(MESSAGE_TYPES.filter((t) => !doc.includes(`\`${t}\``))).toEqual([]);
    expect(CAVEAT_CODES.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });

  it('names every member of every body', () => {
    const missing: string[] = [];
    for (const [type, spec] of Object.entries(MESSAGE_CATALOGUE)) {
      for (const field of Object.keys((spec.body as z.ZodObject).shape)) if (!named(field)) missing.push(`${type}.${field}`);
    }
    expect(missing).toEqual([]);
  });
});
