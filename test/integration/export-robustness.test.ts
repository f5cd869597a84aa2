/**
 * Failure modes against the real rig: unreachable or silent servers, wrong chroot, usage errors,
 * a leaderless partition, a broker restarting mid-export. Each ends in a complete file or a clear
 * error naming the host, within the timeout, and never a partial file.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { loadMetadataFile } from '../../lib/model';
import { describeWithRig, kafkaClient, runCli, TestZk, tmpDir, unique, waitFor, withAdmin } from './rig';

jest.setTimeout(180_000);

function silentServer(): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const sockets: net.Socket[] = [];
    const srv = net.createServer((s) => {
      sockets.push(s);
    });
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      resolve({
        port,
        close: () => {
          sockets.forEach((s) => s.destroy());
          srv.close();
        },
      });
    });
  });
}

function noFiles(dir: string): void {
  expect(fs.readdirSync(dir)).toEqual([]);
}

describe('export usage errors (exit 2)', () => {
  test.each([
    [[], /give --zookeeper/],
    [['--zk-digest', 'u:p', '--bootstrap-servers', '127.0.0.1:9092'], /--zk-digest needs --zookeeper/],
    [['--zookeeper', '127.0.0.1:2181', '--timeout', 'soon'], /--timeout must be a whole number/],
    [['--zookeeper', '127.0.0.1:2181', '--file-name', 'a/b.json'], /--file-name must be a plain file name/],
    [['--bootstrap-servers', 'localhost'], /--bootstrap-servers: bad server "localhost" \(expected HOST:PORT\)/],
    [['--zookeeper', '127.0.0.1:2181', '--sample-traffic', '5'], /--sample-traffic .* add --bootstrap-servers/],
  ])('fails with exit 2: %j', async (args, message) => {
    const dir = tmpDir('usage');
    const r = await runCli(['export', ...args, '--target-directory', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noFiles(dir);
  });
});

describeWithRig('export failure modes against the rig', (env) => {
  test('unreachable ZooKeeper: exit 1 at once, naming host and cause', async () => {
    const dir = tmpDir('unreach');
    const r = await runCli(['export', '--zookeeper', '127.0.0.1:1', '--timeout', '5', '--target-directory', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ZooKeeper 127\.0\.0\.1:1: not reachable \(127\.0\.0\.1:1: ECONNREFUSED\); nothing was written/);
    expect(r.ms).toBeLessThan(3000);
    noFiles(dir);
  });

  test('unreachable broker: exit 1 at once, naming host and cause', async () => {
    const dir = tmpDir('unreach');
    const r = await runCli(['export', '--bootstrap-servers', '127.0.0.1:1', '--timeout', '5', '--target-directory', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Kafka 127\.0\.0\.1:1: no bootstrap server reachable \(127\.0\.0\.1:1: ECONNREFUSED\)/);
    expect(r.ms).toBeLessThan(3000);
    noFiles(dir);
  });

  test('a server that accepts but never answers: exit 1 within --timeout', async () => {
    const s = await silentServer();
    try {
      const dir = tmpDir('silent');
      const zk = await runCli(['export', '--zookeeper', `127.0.0.1:${s.port}`, '--timeout', '3', '--target-directory', dir]);
      expect(zk.code).toBe(1);
      expect(zk.err).toMatch(new RegExp(`ZooKeeper 127\\.0\\.0\\.1:${s.port}: not reachable within 3 s`));
      expect(zk.ms).toBeLessThan(6000);
      const k = await runCli(['export', '--bootstrap-servers', `127.0.0.1:${s.port}`, '--timeout', '3', '--target-directory', dir]);
      expect(k.code).toBe(1);
      expect(k.err).toMatch(new RegExp(`Kafka 127\\.0\\.0\\.1:${s.port}: `));
      expect(k.ms).toBeLessThan(6000);
      noFiles(dir);
    } finally {
      s.close();
    }
  });

  test('wrong chroot: exit 1 saying no Kafka cluster is there', async () => {
    const dir = tmpDir('chroot');
    const r = await runCli(['export', '--zookeeper', `${env.zookeeper}/no-such-chroot`, '--target-directory', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no Kafka cluster under chroot \/no-such-chroot/);
    noFiles(dir);
  });

  test('a leaderless partition (ISR empty, no unclean election): both exports complete and correct', async () => {
    const topic = unique('leaderless');
    const kafka = kafkaClient(env.kafkaZk);
    await withAdmin(kafka, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] }));
    const zk = await TestZk.open(env.zookeeper);
    try {
      // What a partition looks like after its last in-sync replica died: leader -1, ISR empty. A controller
      // failover (the /controller node removed; the one broker is elected again) makes the broker serve it.
      const state = `${env.kafkaZkChroot}/brokers/topics/${topic}/partitions/0/state`;
      const st = JSON.parse(await zk.get(state)) as { leader: number; isr: number[]; leader_epoch: number };
      await zk.put(state, JSON.stringify({ ...st, leader: -1, isr: [], leader_epoch: st.leader_epoch + 1 }));
      await zk.remove(`${env.kafkaZkChroot}/controller`);
    } finally {
      zk.close();
    }
    await waitFor('the broker to serve partition 0 without a leader', () =>
      withAdmin(kafka, async (a) => {
        const m = await a.fetchTopicMetadata({ topics: [topic] });
        return m.topics[0].partitions.some((x) => x.partitionId === 0 && x.leader < 0);
      }),
    );
    const dir = tmpDir('leaderless');
    const viaZk = await runCli([
      'export',
      '--zookeeper',
      `${env.zookeeper}${env.kafkaZkChroot}`,
      '--bootstrap-servers',
      env.kafkaZk,
      '--target-directory',
      dir,
      '--file-name',
      'zk.json',
    ]);
    expect(viaZk.code).toBe(0);
    expect(loadMetadataFile(path.join(dir, 'zk.json')).topics.find((t) => t.name === topic)).toEqual({ name: topic, partitions: 2, replicationFactor: 1 });
    const viaAdmin = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'admin.json']);
    expect(viaAdmin.err).not.toMatch(/^error/m);
    expect(viaAdmin.code).toBe(0);
    expect(viaAdmin.err).toMatch(new RegExp(`topic ${topic}: 1 partition\\(s\\) without a leader`));
    expect(loadMetadataFile(path.join(dir, 'admin.json')).topics.find((t) => t.name === topic)).toEqual({ name: topic, partitions: 2, replicationFactor: 1 });
  });

  test('the broker restarts mid-export (during --sample-traffic): a complete file or a clear error, in time', async () => {
    const dir = tmpDir('restart');
    const topic = unique('restart');
    await withAdmin(kafkaClient(env.kafkaZk), (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] }));
    const exporting = runCli(['export', '--bootstrap-servers', env.kafkaZk, '--sample-traffic', '2', '--timeout', '60', '--target-directory', dir]);
    const restarted = new Promise<void>((resolve, reject) => {
      setTimeout(
        () => execFile('bash', [path.join(__dirname, '..', '..', 'scripts', 'rig', 'rig.sh'), 'restart', 'kzk'], (e) => (e ? reject(e) : resolve())),
        500,
      );
    });
    const [r] = await Promise.all([exporting, restarted]);
    expect(r.ms).toBeLessThan(65_000);
    if (r.code === 0) {
      const meta = loadMetadataFile(path.join(dir, 'kafka-metadata-export.json'));
      expect(meta.topics.find((t) => t.name === topic)).toEqual({ name: topic, partitions: 2, replicationFactor: 1 });
      expect(meta.traffic?.perTopic?.[topic]).toEqual({ bytesInPerSec: 0, messagesInPerSec: 0, peakBytesInPerSec: 0, peakMessagesInPerSec: 0 });
    } else {
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`Kafka ${env.kafkaZk}: `));
      noFiles(dir);
    }
    // print which way it went, for the record
    process.stdout.write(`restart mid-export: exit ${r.code} after ${r.ms} ms\n`);
  });
});
