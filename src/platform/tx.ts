import type { Db, Tx } from './db/types.ts';

/**
 * Service methods take an optional transaction so another module can call them inside its own
 * (licensing records a shipment and the registry's export events in one transaction). Without one,
 * the service opens its own.
 */
export function inTransaction<T>(db: Db, tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.transaction(fn);
}
