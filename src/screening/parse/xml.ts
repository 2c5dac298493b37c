import { SaxesParser } from 'saxes';

/**
 * A record-at-a-time XML reader: saxes streams the document and we build a small tree only for each
 * record element (UN INDIVIDUAL/ENTITY, OFAC sdnEntry), so memory stays bounded by one record even for
 * OFAC's 100 MB advanced files.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export class MalformedListError extends Error {
  /** The 1-based line of the file at fault, when one is known. */
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

export interface XmlRecordHandlers {
  /** The root element and its attributes, before any record. */
  onRoot(name: string, attrs: Record<string, string>): void;
  onRecord(node: XmlNode): void;
  /** Text of elements outside records whose local name is in `headerTags`. */
  onHeader?(name: string, text: string): void;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export async function readXmlRecords(
  input: string | AsyncIterable<string | Buffer>,
  recordTags: ReadonlySet<string>,
  handlers: XmlRecordHandlers,
  headerTags: ReadonlySet<string> = new Set(),
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let depth = 0;
  let rootSeen = false;
  const stack: XmlNode[] = [];
  let headerName: string | null = null;
  let headerText = '';
  let failure: Error | null = null;

  parser.on('error', (err) => {
    failure ??= new MalformedListError(`The XML is not well-formed: ${err.message}`);
  });
  parser.on('opentag', (tag) => {
    depth++;
    const name = localName(tag.name);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[localName(k)] = String(v);
    if (!rootSeen) {
      rootSeen = true;
      handlers.onRoot(name, attrs);
      return;
    }
    if (stack.length > 0 || recordTags.has(name)) {
      const node: XmlNode = { name, attrs, text: '', children: [] };
      if (stack.length > 0) stack[stack.length - 1].children.push(node);
      stack.push(node);
      return;
    }
    if (headerTags.has(name)) {
      headerName = name;
      headerText = '';
    }
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
    else if (headerName) headerText += text;
  });
  parser.on('cdata', (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    depth--;
    if (stack.length > 0) {
      const node = stack.pop()!;
      node.text = node.text.trim();
      if (stack.length === 0) handlers.onRecord(node);
      return;
    }
    if (headerName) {
      handlers.onHeader?.(headerName, headerText.trim());
      headerName = null;
    }
  });

  const feed = (chunk: string) => {
    if (failure) return;
    try {
      parser.write(chunk);
    } catch (err) {
      failure ??= err instanceof MalformedListError ? err : new MalformedListError(`The XML is not well-formed: ${(err as Error).message}`);
    }
    if (failure) throw failure;
  };
  if (typeof input === 'string') feed(input);
  else for await (const chunk of input) feed(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
  if (!failure) {
    try {
      parser.close();
    } catch (err) {
      failure = new MalformedListError(`The XML is not well-formed: ${(err as Error).message}`);
    }
  }
  if (failure) throw failure;
  if (depth !== 0 || !rootSeen) throw new MalformedListError('The XML document is incomplete (unclosed elements or no root).');
}

/** First child with that name. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Trimmed text of the first child with that name, or null when absent or empty. */
export function textOf(node: XmlNode | undefined, name: string): string | null {
  if (!node) return null;
  const c = child(node, name);
  const t = c?.text.trim();
  return t ? t : null;
}

/** Texts of `wrapper/VALUE*` (the UN list's repeated-value wrappers). */
export function values(node: XmlNode, wrapper: string, item = 'VALUE'): string[] {
  const out: string[] = [];
  for (const w of children(node, wrapper)) {
    for (const v of children(w, item)) {
      const t = v.text.trim();
      if (t) out.push(t);
    }
  }
  return out;
}
