import type { RouteContext } from '../platform/module.ts';
import type { Api } from '../platform/http/types.ts';
import type { BackupService } from './backup.ts';

const TAGS = ['operations'];

/** /api/v1/operations: backups of a running node (the embedded database cannot be copied from outside it). */
export async function operationsRoutes(api: Api, opts: RouteContext<BackupService>): Promise<void> {
  const backups = opts.service;

  api.post(
    '/operations/backups',
    {
      config: { permission: 'operations.backup.create' },
      schema: {
        tags: TAGS,
        summary: 'Take a consistent backup now and download it (application/x-tar: manifest.json, the database, the node keys)',
        description:
          'Audited as operations.backup.create. The archive holds every record and the private signing key: store it encrypted. ' +
          'One backup at a time per server (409 operations.backup_running otherwise). Restore it with `custodia restore FILE`.',
      },
    },
    async (request, reply) => {
      const archive = await backups.create(request.actor, { via: 'api' });
      reply.raw.once('close', () => void archive.dispose()); // also when the client goes away before the stream starts
      return reply
        .header('content-type', 'application/x-tar')
        .header('content-length', archive.byteLength)
        .header('content-disposition', `attachment; filename="${archive.fileName}"`)
        .header('x-custodia-backup-id', archive.manifest.id)
        .send(archive.stream());
    },
  );
}
