/**
 * The CDK Terrain app behind `npx cdktn synth` (see cdktf.json): two stacks built from the bundled example.
 *
 * - `alikafka-migration`: what `alikafka-migrate synth` writes for a new instance in cn-hangzhou.
 * - `existing-platform`: the constructs embedded in a stack that already has a VPC and an AliKafka instance.
 */
import * as path from 'path';
import { App } from 'cdktn';
import { loadMetadataFile } from '../lib/model';
import { planMigration } from '../lib/plan';
import { MigrationStack } from '../lib/stack';
import { ExistingPlatformStack } from './existing-stack';

const metadataFile = path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json');
const metadata = loadMetadataFile(metadataFile);

const app = new App();
new MigrationStack(app, 'alikafka-migration', {
  plan: planMigration(metadata, {
    target: {
      mode: 'new',
      region: 'cn-hangzhou',
      // the example's brokers span 3 racks: a multi-zone instance (the last zone is the standby)
      zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'],
    },
  }),
});
new ExistingPlatformStack(app, 'existing-platform', { metadata });
app.synth();
