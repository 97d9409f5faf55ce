package kgen.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Counts records per key per tumbling window (event time: the record timestamp) with exactly_once_v2 and
 * writes every update to the output topic as key "<key>@<windowStartMs>", value the count (8-byte long).
 * Exits once it has processed the expected number of records and a commit has passed; prints one JSON line
 * with its own view of the run (first/last record processed, wall clock).
 *
 * Args: brokers applicationId inputTopic outputTopic records windowMs graceMs stateDir
 */
public final class WindowedCount {
  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println("usage: brokers applicationId input output records windowMs graceMs stateDir");
      System.exit(2);
    }
    String brokers = args[0];
    String applicationId = args[1];
    String input = args[2];
    String output = args[3];
    long records = Long.parseLong(args[4]);
    Duration window = Duration.ofMillis(Long.parseLong(args[5]));
    Duration grace = Duration.ofMillis(Long.parseLong(args[6]));

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, args[7]);
    // The single-node stack: internal topics with one replica.
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

    AtomicLong processed = new AtomicLong();
    AtomicLong firstMs = new AtomicLong();
    AtomicLong lastMs = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .peek((k, v) -> {
          long n = processed.incrementAndGet();
          long now = System.currentTimeMillis();
          if (n == 1) firstMs.set(now);
          if (n == records) {
            lastMs.set(now);
            done.countDown();
          }
        })
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
        // Named like kgen names stores: changelog <applicationId>-counts-changelog.
        .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts"))
        .toStream()
        .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start(), count))
        .to(output, Produced.with(Serdes.String(), Serdes.Long()));

    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.setUncaughtExceptionHandler(e -> {
        e.printStackTrace();
        done.countDown();
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
            .SHUTDOWN_CLIENT;
      });
      streams.start();
      if (!done.await(10, TimeUnit.MINUTES)) {
        System.err.println("timed out after " + processed.get() + " of " + records + " records");
        System.exit(1);
      }
      // close() commits the last transaction: every processed record's count is then in the output topic.
      streams.close(Duration.ofSeconds(60));
    }
    long ms = Math.max(1, lastMs.get() - firstMs.get());
    System.out.println(
        "{\"processed\":" + processed.get() + ",\"first_ms\":" + firstMs.get() + ",\"last_ms\":" + lastMs.get()
            + ",\"msgs_per_s\":" + Math.round(records * 1000.0 / ms) + "}");
  }
}
