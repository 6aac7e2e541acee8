// <data-dir>/meta.properties, as Kafka writes it: the cluster id generated on first start and the node id
// this directory belongs to. A directory written by another node id is refused (Kafka's
// InconsistentBrokerIdException), so two brokers' logs never mix.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProperties } from '../config.js';
import { randomUuid } from '../protocol/uuid.js';
import { writeFileDurably } from '../storage/checkpoint-file.js';

export const META_PROPERTIES = 'meta.properties';
const META_VERSION = 1;

export interface MetaProperties {
  clusterId: string;
  nodeId: number;
}

export class MetaPropertiesError extends Error {}

/** Reads meta.properties, creating it on first start; throws MetaPropertiesError when it does not fit. */
export function loadOrCreateMeta(dataDir: string, nodeId: number): MetaProperties {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, META_PROPERTIES);
  if (existsSync(file)) {
    const props = parseProperties(readFileSync(file, 'utf8'));
    const clusterId = props.get('cluster.id');
    const storedNode = Number(props.get('node.id'));
    if (clusterId === undefined || clusterId === '' || !Number.isInteger(storedNode)) {
      throw new MetaPropertiesError(`${file} lacks cluster.id or node.id`);
    }
    if (storedNode !== nodeId) {
      throw new MetaPropertiesError(
        `${file} belongs to node.id ${storedNode}, but this broker is node ${nodeId}`,
      );
    }
    return { clusterId, nodeId };
  }
  const meta = { clusterId: randomUuid(), nodeId };
  const body = `#Written by Runnel\nversion=${META_VERSION}\ncluster.id=${meta.clusterId}\nnode.id=${nodeId}\n`;
  writeFileDurably(file, body);
  return meta;
}
