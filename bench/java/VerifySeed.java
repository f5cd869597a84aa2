import java.util.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The data of `npm run bench -- verify`, written identically to two clusters (as a finished copy would hold it):
 * deterministic records (a fixed-seed generator), each sent to an explicit partition of both clusters, so both
 * hold the same records in the same order per partition.
 *
 * Usage: java -cp KAFKA_JARS VerifySeed.java SOURCE TARGET PREFIX TOPICS PARTITIONS MB_PER_SIDE
 * Topics PREFIX-keyed-N (even N: keys from a pool of 20 000 per topic, every 8th record with two headers) and
 * PREFIX-keyless-N (odd N: no key, value sizes 200 to 1800 bytes), created on both clusters (deleted first when
 * they exist). Prints the records and bytes written per side.
 */
public class VerifySeed {
  public static void main(String[] a) throws Exception {
    String[] servers = {a[0], a[1]};
    String prefix = a[2];
    int topics = Integer.parseInt(a[3]);
    int partitions = Integer.parseInt(a[4]);
    long bytesPerSide = Long.parseLong(a[5]) * 1024L * 1024L;
    List<String> names = new ArrayList<>();
    for (int t = 0; t < topics; t++) names.add(prefix + (t % 2 == 0 ? "-keyed-" : "-keyless-") + t);
    for (String s : servers) {
      Properties p = new Properties();
      p.put("bootstrap.servers", s);
      try (Admin admin = Admin.create(p)) {
        Set<String> have = admin.listTopics().names().get();
        List<String> old = new ArrayList<>();
        for (String n : names) if (have.contains(n)) old.add(n);
        if (!old.isEmpty()) {
          admin.deleteTopics(old).all().get();
          for (int i = 0; i < 120 && admin.listTopics().names().get().stream().anyMatch(old::contains); i++) Thread.sleep(500);
        }
        List<NewTopic> nt = new ArrayList<>();
        for (String n : names) nt.add(new NewTopic(n, partitions, (short) 1));
        for (int i = 0; ; i++) {
          try {
            admin.createTopics(nt).all().get();
            break;
          } catch (Exception e) {
            if (i > 60) throw e;
            Thread.sleep(1000);
          }
        }
      }
    }
    List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
    for (String s : servers) {
      Properties p = new Properties();
      p.put("bootstrap.servers", s);
      p.put("acks", "1");
      p.put("linger.ms", "20");
      p.put("batch.size", String.valueOf(512 * 1024));
      p.put("buffer.memory", String.valueOf(128L * 1024 * 1024));
      p.put("max.request.size", String.valueOf(8 * 1024 * 1024));
      p.put("compression.type", "none");
      p.put("enable.idempotence", "false");
      producers.add(new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()));
    }
    Random rnd = new Random(20261205L);
    byte[] pool = new byte[1 << 20];
    rnd.nextBytes(pool);
    long written = 0;
    long records = 0;
    long[] perTopic = new long[topics];
    while (written < bytesPerSide) {
      int t = (int) (records % topics);
      boolean keyed = t % 2 == 0;
      long i = perTopic[t]++;
      int size = keyed ? 1000 : 200 + rnd.nextInt(1601);
      int at = rnd.nextInt(pool.length - size);
      byte[] value = Arrays.copyOfRange(pool, at, at + size);
      byte[] key = null;
      int partition;
      if (keyed) {
        long k = (i * 7919L) % 20000L;
        key = ("key-" + t + "-" + k).getBytes();
        partition = (int) (k % partitions);
      } else {
        partition = (int) ((i / 64) % partitions);
      }
      RecordHeaders headers = new RecordHeaders();
      if (keyed && i % 8 == 0) {
        headers.add("trace", ("t-" + i).getBytes());
        headers.add("trace", null);
      }
      for (KafkaProducer<byte[], byte[]> pr : producers)
        pr.send(new ProducerRecord<>(names.get(t), partition, null, key, value, headers));
      written += size + (key == null ? 0 : key.length);
      records++;
    }
    for (KafkaProducer<byte[], byte[]> pr : producers) pr.close();
    System.out.println("records_per_side: " + records);
    System.out.println("bytes_per_side: " + written);
  }
}
