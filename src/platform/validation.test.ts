import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from './http/errors.ts';
import { parseInput, rememberParsed } from './validation.ts';

const schema = z
  .object({
    name: z.string().min(1),
    lines: z.array(z.object({ qty: z.number().int().positive() }).strict()).min(1),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.name === 'twice') ctx.addIssue({ code: 'custom', path: ['name'], message: 'named twice', params: { code: 'name_repeated' } });
    if (v.name === 'plain') ctx.addIssue({ code: 'custom', path: ['name'], message: 'a plain refinement' });
  });

function errorsOf(input: unknown, prefix?: string) {
  try {
    parseInput('widgets', schema, input, { prefix });
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).errors.map(({ field, code }) => ({ field, code }));
  }
  throw new Error('accepted');
}

describe('parseInput: the one input validation', () => {
  it('returns the parsed value', () => {
    expect(parseInput('widgets', schema, { name: 'a', lines: [{ qty: 1 }] })).toEqual({ name: 'a', lines: [{ qty: 1 }] });
  });

  it('names every bad field with a <module>.<rule> code', () => {
    expect(errorsOf({ name: '', lines: [{ qty: 0 }, { qty: 'x' }] })).toEqual([
      { field: 'name', code: 'widgets.too_small' },
      { field: 'lines.0.qty', code: 'widgets.too_small' },
      { field: 'lines.1.qty', code: 'widgets.invalid_type' },
    ]);
  });

  it('names the input itself `body`, and each unknown member as its own field', () => {
    expect(errorsOf('not an object')).toEqual([{ field: 'body', code: 'widgets.invalid_type' }]);
    expect(errorsOf({ name: 'a', lines: [{ qty: 1, colour: 'red' }], extra: 1 })).toEqual([
      { field: 'lines.0.colour', code: 'widgets.unrecognized_keys' },
      { field: 'extra', code: 'widgets.unrecognized_keys' },
    ]);
  });

  it('takes a refinement’s own rule name, and a prefix for items of a batch', () => {
    expect(errorsOf({ name: 'twice', lines: [{ qty: 1 }] })).toEqual([{ field: 'name', code: 'widgets.name_repeated' }]);
    expect(errorsOf({ name: 'plain', lines: [{ qty: 1 }] })).toEqual([{ field: 'name', code: 'widgets.custom' }]);
    expect(errorsOf({ name: '', lines: [{ qty: 1 }] }, '3')).toEqual([{ field: '3.name', code: 'widgets.too_small' }]);
  });
});

describe('parseInput after a route has parsed the same object (rememberParsed)', () => {
  // A second parse of this schema's output would add a second '!': whether it ran shows in the value.
  const exclaim = z.object({ word: z.string().transform((w) => `${w}!`) }).strict();

  it('returns the route’s output as it is, without parsing it again', () => {
    const routeOutput = exclaim.parse({ word: 'hi' });
    rememberParsed(routeOutput, exclaim);
    expect(parseInput('widgets', exclaim, routeOutput)).toBe(routeOutput);
    expect(routeOutput.word).toBe('hi!');
  });

  it('parses an equal object that no route parsed, and the remembered one under another schema', () => {
    const routeOutput = exclaim.parse({ word: 'hi' });
    rememberParsed(routeOutput, exclaim);
    expect(parseInput('widgets', exclaim, { word: 'hi!' })).toEqual({ word: 'hi!!' });
    const other = z.object({ word: z.string().max(2) }).strict();
    expect(() => parseInput('widgets', other, routeOutput)).toThrow(ValidationError);
  });

  it('still refuses a bad value handed to the service directly', () => {
    expect(() => parseInput('widgets', exclaim, { word: 3 })).toThrow(ValidationError);
  });
});
