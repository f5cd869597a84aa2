/**
 * --sample-traffic records the peak as well as the mean: a burst produced in the middle of the window
 * shows as a peak well above the window's mean, per topic and for the cluster, on the rig's real broker.
 */
import * as path from 'path';
import { Kafka, KafkaProducer as Producer } from '../../tools/kafka';
import { main } from '../../lib/cli';
import { loadMetadataFile } from '../../lib/model';
import { sampleTraffic } from '../../lib/sources/traffic';
import { describeWithRig, groupsAndOffsets, kafkaClient, tmpDir, unique, waitFor, withAdmin } from './rig';

jest.setTimeout(180_000);

describeWithRig('--sample-traffic peaks (Kafka 3.9, ZooKeeper mode)', (env) => {
  const p = unique('peak');
  const burst = `${p}.burst`;
  const trickle = `${p}.trickle`;
  const idle = `${p}.idle`;
  const dir = tmpDir('peak');
  const BURST_MESSAGES = 2000;
  const VALUE_BYTES = 1000;
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    kafka = kafkaClient(env.kafkaZk);
    await withAdmin(kafka, (a) =>
      a.createTopics({
        waitForLeaders: true,
        topics: [burst, trickle, idle].map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })),
      }),
    );
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect().catch(() => undefined);
  });

  test('a 2 MB burst inside a 6 s window: peak >= 1.5 x mean and within what one half-second interval could hold; mean from the bytes produced', async () => {
    const before = await groupsAndOffsets(kafka);
    let err = '';
    let windowStarted = false;
    let trickleSent = 0;
    const exporting = main(['export', '--bootstrap-servers', env.kafkaZk, '--sample-traffic', '6', '--target-directory', dir, '--file-name', 'peak.json'], {
      out: () => undefined,
      err: (t) => {
        err += t;
        if (t.includes('sampling traffic')) windowStarted = true;
      },
      isTty: false,
    });
    await waitFor('the traffic window to start', async () => windowStarted);
    const trickling = (async () => {
      for (let i = 0; i < 10; i++) {
        await producer.send({ topic: trickle, acks: -1, messages: [{ value: Buffer.alloc(100, 116) }] });
        trickleSent++;
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    await new Promise((r) => setTimeout(r, 2000));
    await producer.send({
      topic: burst,
      acks: -1,
      messages: Array.from({ length: BURST_MESSAGES }, (_, i) => ({ value: Buffer.alloc(VALUE_BYTES, 98), partition: i % 2 })),
    });
    await trickling;
    const code = await exporting;
    expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });

    const t = loadMetadataFile(path.join(dir, 'peak.json')).traffic;
    expect(t).toBeDefined();
    if (!t) return;
    const b = t.perTopic?.[burst];
    const burstBytes = BURST_MESSAGES * VALUE_BYTES;
    // the whole burst falls inside the window; bytes are exact (each partition read completely)
    // (the means are rounded to 0.01/s and the window to 0.01 s)
    expect(Math.abs((b?.bytesInPerSec ?? 0) * t.windowSeconds - burstBytes)).toBeLessThan(burstBytes * 0.002);
    expect(Math.abs((b?.messagesInPerSec ?? 0) * t.windowSeconds - BURST_MESSAGES)).toBeLessThan(BURST_MESSAGES * 0.002);
    expect(b?.peakBytesInPerSec ?? 0).toBeGreaterThanOrEqual(1.5 * (b?.bytesInPerSec ?? 0));
    expect(b?.peakBytesInPerSec ?? 0).toBeLessThanOrEqual(burstBytes / 0.5);
    expect(b?.peakMessagesInPerSec ?? 0).toBeGreaterThanOrEqual(1.5 * (b?.messagesInPerSec ?? 0));
    // the cluster peak is one interval of all topics together: at least the burst's, at most the sum of the topics' peaks
    expect(t.peakBytesInPerSec ?? 0).toBeGreaterThanOrEqual(b?.peakBytesInPerSec ?? 0);
    expect(t.peakBytesInPerSec ?? 0).toBeLessThanOrEqual((b?.peakBytesInPerSec ?? 0) + (t.perTopic?.[trickle]?.peakBytesInPerSec ?? 0) + 1);
    expect(t.peakBytesInPerSec ?? 0).toBeGreaterThanOrEqual(t.bytesInPerSec);
    // a steady trickle: a peak, but small, and at least its mean
    const tr = t.perTopic?.[trickle];
    expect(trickleSent).toBe(10);
    expect(tr?.messagesInPerSec ?? 0).toBeGreaterThan(0);
    expect(tr?.peakBytesInPerSec ?? 0).toBeGreaterThanOrEqual(tr?.bytesInPerSec ?? 0);
    expect(tr?.peakBytesInPerSec ?? 0).toBeLessThan(1000);
    expect(t.perTopic?.[idle]).toEqual({ bytesInPerSec: 0, messagesInPerSec: 0, peakBytesInPerSec: 0, peakMessagesInPerSec: 0 });
    expect(await groupsAndOffsets(kafka)).toEqual(before); // read-only: no group, no offset
    process.stdout.write(
      `peak test: window ${t.windowSeconds} s; ${burst}: mean ${b?.bytesInPerSec} B/s, peak ${b?.peakBytesInPerSec} B/s; cluster: mean ${t.bytesInPerSec} B/s, peak ${t.peakBytesInPerSec} B/s\n`,
    );
  });

  test('beyond the bytes read per partition, sizes are extrapolated interval by interval: uniform messages give the exact mean, and the peak still shows the burst', async () => {
    const topic = `${p}.extrapolated`;
    await withAdmin(kafka, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] }));
    let started = false;
    const sampling = sampleTraffic({
      brokers: [env.kafkaZk],
      windowSeconds: 5,
      topics: [topic],
      deadline: Date.now() + 120_000,
      maxBytesPerPartition: 64 * 1024, // about 65 of the 1500 messages are read
      progress: {
        phase: (n) => {
          if (n.startsWith('sampling traffic')) started = true;
        },
        tick: () => undefined,
        warn: () => undefined,
      },
    });
    try {
      await waitFor('the traffic window to start', async () => started);
      await new Promise((r) => setTimeout(r, 2000));
      // three back-to-back batches (one batch of 1.5 MB would exceed the broker's message.max.bytes)
      for (let i = 0; i < 3; i++)
        await producer.send({ topic, acks: -1, messages: Array.from({ length: 500 }, () => ({ value: Buffer.alloc(VALUE_BYTES, 99) })) });
    } finally {
      await sampling.catch(() => undefined);
    }
    const t = await sampling;
    const x = t.perTopic?.[topic];
    expect(Math.abs((x?.bytesInPerSec ?? 0) * t.windowSeconds - 1500 * VALUE_BYTES)).toBeLessThan(1500 * VALUE_BYTES * 0.002);
    expect(x?.peakBytesInPerSec ?? 0).toBeGreaterThanOrEqual(1.5 * (x?.bytesInPerSec ?? 0));
    expect(x?.peakBytesInPerSec ?? 0).toBeLessThanOrEqual((1500 * VALUE_BYTES) / 0.5);
  });
});
