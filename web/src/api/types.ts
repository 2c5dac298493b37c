/**
 * Names for the generated API types (schema.gen.ts, from the server's OpenAPI document). Screens use
 * these instead of re-declaring the server's shapes, so a change on the server fails the web typecheck.
 */
import type { paths } from './schema.gen.ts';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** What a successful call of `M P` answers (its 200 or 201 JSON body). */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { responses: infer R } ? (R extends { 200: infer Ok } ? Json<Ok> : R extends { 201: infer Created } ? Json<Created> : never) : never;

/** The JSON body `M P` accepts. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters of `M P`. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * A server enum's values at run time (pickers need the list, the generated types only know the union):
 * the compiler refuses a list that misses a value of `T` or has one `T` does not.
 */
export function enumValues<T extends string>() {
  return <const A extends readonly T[]>(...values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> })): A => values;
}
