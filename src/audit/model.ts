/**
 * Signed checkpoints: the log's signed tree heads. The signed bytes are a small canonical text in the
 * spirit of C2SP tlog-checkpoint (origin, size, base64 root, then our extension line with the time),
 * so anyone holding the node's JWK set can check a checkpoint with any Ed25519 library.
 */
export interface CheckpointBody {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  at: Date;
}

export function checkpointOrigin(state: string): string {
  return `custodia/${state}/audit`;
}

export function checkpointText(body: CheckpointBody): string {
  if (!/^[\x21-\x7e]+$/.test(body.origin)) throw new Error('checkpoint origin must be printable ASCII without spaces');
  if (!Number.isSafeInteger(body.treeSize) || body.treeSize < 0) throw new Error('checkpoint size must be a non-negative integer');
  if (body.rootHash.length !== 32) throw new Error('checkpoint root must be 32 bytes');
  return `${body.origin}\n${body.treeSize}\n${Buffer.from(body.rootHash).toString('base64')}\ntime ${body.at.toISOString()}\n`;
}

/** Human- and machine-readable signed note: the text, a blank line, then "— origin kid base64(signature)". */
export function checkpointNote(body: CheckpointBody, kid: string, signature: Uint8Array): string {
  return `${checkpointText(body)}\n\u2014 ${body.origin} ${kid} ${Buffer.from(signature).toString('base64')}\n`;
}
