package ai.migma.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A flush larger than one statement is written in chunks, in one transaction: all of it, or none of it; and in key
 * order, so that instances flushing the same keys at once do not deadlock.
 */
@GatewayTest
class UsageWriterTest {

    private static final int KEYS = UsageWriter.CHUNK * 2 + 1_000;

    private static final String OWN_KEYS = "(select key_id from api_keys where account_id = ?)";

    @Autowired
    UsageWriter writer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GatewayClient gateway;

    @Test
    void writesAFlushOfManyKeysAcrossChunksExactlyOnce() {
        Bulk bulk = insertKeys();
        List<UsageRow> rows = bulk.rows(System.currentTimeMillis() / 60_000);

        writer.write(rows);
        writer.write(rows);

        List<Long> usage = jdbc.queryForObject("select count(*), sum(success), sum(forbidden) from api_key_usage"
                + " where key_id in " + OWN_KEYS, (rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                bulk.account());
        assertThat(usage).containsExactly((long) KEYS, 2L * KEYS * 2, 2L * KEYS);
        assertThat(jdbc.queryForObject("select sum(total_requests) from api_key_activity where key_id in " + OWN_KEYS,
                Long.class, bulk.account())).isEqualTo(2L * KEYS * 3);
    }

    @Test
    void instancesFlushingTheSameKeysAtOnceWaitForEachOtherInsteadOfDeadlocking() throws Exception {
        Bulk bulk = insertKeys();
        List<UsageRow> rows = bulk.rows(System.currentTimeMillis() / 60_000);
        List<UsageRow> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        int rounds = 3;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            // Two instances' buffers can hold the same keys in any order; these two are as far apart as it gets.
            List<Future<?>> flushes = new ArrayList<>();
            for (List<UsageRow> flush : List.of(rows, reversed)) {
                flushes.add(instances.submit(() -> {
                    try {
                        for (int round = 0; round < rounds; round++) {
                            together.await(30, TimeUnit.SECONDS);
                            writer.write(flush);
                        }
                    } catch (RuntimeException failed) {
                        together.reset(); // the other instance stops waiting for this one
                        throw failed;
                    }
                    return null;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> flush : flushes) {
                try {
                    flush.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException failed) {
                    failures.add(String.valueOf(failed.getCause()));
                }
            }
            assertThat(failures).isEmpty();
        } finally {
            instances.shutdownNow();
        }

        assertThat(jdbc.queryForObject("select sum(success) from api_key_usage where key_id in " + OWN_KEYS,
                Long.class, bulk.account())).isEqualTo(2L * rounds * KEYS * 2);
        assertThat(jdbc.queryForObject("select sum(total_requests) from api_key_activity where key_id in " + OWN_KEYS,
                Long.class, bulk.account())).isEqualTo(2L * rounds * KEYS * 3);
    }

    @Test
    void aFlushLeavesTheKeysOwnRowsUntouched() {
        Bulk bulk = insertKeys();
        String versions = "select string_agg(xmin::text || '/' || xmax::text, ',' order by key_id) from api_keys "
                + "where account_id = ?";
        String before = jdbc.queryForObject(versions, String.class, bulk.account());

        writer.write(bulk.rows(System.currentTimeMillis() / 60_000));

        // Neither a new row version (an update) nor a row lock (a foreign-key check): V5, docs/PERFORMANCE.md.
        assertThat(jdbc.queryForObject(versions, String.class, bulk.account())).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from api_key_activity where key_id in " + OWN_KEYS,
                Long.class, bulk.account())).isEqualTo(KEYS);
    }

    @Test
    void writesNothingOfAFlushWhoseLastStatementFails() {
        Bulk bulk = insertKeys();
        List<UsageRow> rows = bulk.rows(System.currentTimeMillis() / 60_000);
        // A key whose running total cannot grow any more: the activity upsert, the flush's last statement, fails
        // after every usage chunk before it has been written.
        String full = rows.get(rows.size() - 1).keyId();
        jdbc.update("insert into api_key_activity (key_id, total_requests, last_used_at) values (?, ?, now())", full,
                Long.MAX_VALUE);

        assertThatThrownBy(() -> writer.write(rows)).isInstanceOf(DataAccessException.class);

        assertThat(jdbc.queryForObject("select count(*) from api_key_usage where key_id in " + OWN_KEYS, Long.class,
                bulk.account())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from api_key_activity where key_id in " + OWN_KEYS
                + " and key_id <> ?", Long.class, bulk.account(), full)).isZero();
    }

    /**
     * Inserts KEYS keys of a new account, with ids from a three-letter prefix no key id has yet (a database kept
     * between runs holds earlier runs' prefixes). The assertions select the rows by the account, not by the prefix:
     * keys that other tests create meanwhile can start with it too (CI once saw one).
     */
    private Bulk insertKeys() {
        String prefix;
        do {
            prefix = randomLetters(3);
        } while (Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from api_keys where key_id like ?)", Boolean.class, prefix + "%")));
        UUID account = UUID.fromString(gateway.createAccount("pro", null));
        jdbc.update("""
                insert into api_keys (id, key_id, key_hash, account_id, name, environment, created_at, updated_at)
                select gen_random_uuid(), ? || lpad(g::text, 5, '0'), sha256((? || g)::bytea), ?, 'bulk', 'test',
                    now(), now()
                from generate_series(1, ?) g
                """, prefix, prefix, account, KEYS);
        return new Bulk(prefix, account);
    }

    private static String randomLetters(int count) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append(letters.charAt(random.nextInt(letters.length())));
        }
        return text.toString();
    }

    private record Bulk(String prefix, UUID account) {

        List<UsageRow> rows(long minute) {
            List<UsageRow> rows = new ArrayList<>();
            for (int i = 1; i <= KEYS; i++) {
                rows.add(new UsageRow(prefix + String.format("%05d", i), minute, new long[] {2, 0, 1, 0, 0},
                        System.currentTimeMillis()));
            }
            return rows;
        }
    }
}
