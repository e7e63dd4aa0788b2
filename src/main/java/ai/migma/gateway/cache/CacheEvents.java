package ai.migma.gateway.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every gateway instance on the database to drop a cached entry, through PostgreSQL {@code LISTEN/NOTIFY}.
 * A notification sent inside a transaction is delivered when it commits, and not at all if it rolls back, so an
 * instance never evicts for a change that did not happen, nor misses one that did. While the listening connection
 * is lost, notifications are lost too, so on reconnecting every subscriber drops everything it holds.
 */
@Component
public final class CacheEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CacheEvents.class);
    private static final String CHANNEL = "migma_cache";
    private static final int POLL_MILLIS = 250;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    private record Subscriber(Consumer<String> evict, Runnable evictAll) {
    }

    CacheEvents(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** {@code evict} receives the id of each entry of {@code topic} changed anywhere; {@code evictAll} a resync. */
    public void subscribe(String topic, Consumer<String> evict, Runnable evictAll) {
        subscribers.put(topic, new Subscriber(evict, evictAll));
    }

    /** Announces, on commit of the current transaction, that the entry {@code id} of {@code topic} changed. */
    public void publish(String topic, String id) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, topic + ':' + id).query().singleRow();
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "cache-events");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                if (!first) {
                    log.info("Listening for cache events again; dropping every cached entry missed meanwhile");
                    subscribers.values().forEach(subscriber -> subscriber.evictAll().run());
                }
                first = false;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException failure) {
                if (running) {
                    log.warn("Lost the cache-event connection ({}); retrying in 1 s", failure.toString());
                    pause();
                }
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        Subscriber subscriber = colon < 0 ? null : subscribers.get(payload.substring(0, colon));
        if (subscriber != null) {
            subscriber.evict().accept(payload.substring(colon + 1));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
