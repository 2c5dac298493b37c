import { SYSTEM_ACTOR } from '../../src/platform/auth/actor.ts';
import type { ScreeningService } from '../../src/screening/service.ts';

/**
 * A UN Consolidated List of one fictional entity, for tests that issue licences: issue is refused while
 * no sanctions list is active (issue 17 item 2), and no test party is named like this entry.
 */
export const ONE_ENTRY_UN_LIST = `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2026-01-15T00:00:00.000Z"><INDIVIDUALS></INDIVIDUALS><ENTITIES><ENTITY>
  <DATAID>9000001</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>ZZYZX QWERTVOLK HOLDINGS</FIRST_NAME><UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>TSe.001</REFERENCE_NUMBER>
  <LISTED_ON>2026-01-15</LISTED_ON><LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE></ENTITY></ENTITIES></CONSOLIDATED_LIST>`;

/** Makes a sanctions list active (ONE_ENTRY_UN_LIST), as an operator does before licences are issued. */
export async function loadScreeningList(screening: Pick<ScreeningService, 'importList'>): Promise<void> {
  await screening.importList(SYSTEM_ACTOR, { content: Buffer.from(ONE_ENTRY_UN_LIST), fileName: 'un-one-entry.xml' });
}
