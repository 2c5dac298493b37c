import net from 'node:net';

/** The address the server was told to listen on is taken (by another Custodia or another program). */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is already in use (another Custodia, or another program): stop it, or start with another PORT (or CUSTODIA_HOST)`);
    this.name = 'PortInUseError';
  }
}

/**
 * Refuses early when `host:port` cannot be listened on, so a server that cannot serve does nothing first
 * (on a first start: no administrator created whose one-time password would scroll away). Another program
 * may still take the port between this check and the real listen; the server then says so in one line too.
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, port) : err));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** `err` (from listen) as a PortInUseError when it is the address being in use, else unchanged. */
export function portError(err: unknown, host: string, port: number): unknown {
  return (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE' && !(err instanceof PortInUseError) ? new PortInUseError(host, port) : err;
}
