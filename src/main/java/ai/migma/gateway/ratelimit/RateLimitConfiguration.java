package ai.migma.gateway.ratelimit;

import ai.migma.gateway.account.AccountLookup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    BucketStore bucketStore(RateLimitProperties properties, Environment environment) {
        return switch (properties.backend()) {
            case LOCAL, OFF -> localBuckets(properties);
            case REDIS -> {
                RedisBucketStore redis = redisBuckets(properties, environment);
                BucketStore shared = properties.redisLeaseMaximum() == 0 ? redis
                        : new LeasingBucketStore(redis, properties.redisLeaseMaximum(),
                                properties.localMaximumBuckets());
                yield new FailoverBucketStore(shared, localBuckets(properties), properties.redisRetryInterval(),
                        redis.location());
            }
        };
    }

    @Bean
    RateLimiter rateLimiter(BucketStore buckets, PlanProperties plans, AuthFailureProperties authFailures,
            AccountLookup accounts) {
        return new RateLimiter(buckets, plans, authFailures, accounts);
    }

    /** Redis health: UP either way (requests are served), with whether limits are currently per instance. */
    @Bean
    HealthIndicator rateLimitHealthIndicator(BucketStore buckets, RateLimitProperties properties) {
        return () -> {
            Health.Builder health = Health.up().withDetail("backend", properties.backend().name().toLowerCase());
            if (buckets instanceof FailoverBucketStore failover) {
                health.withDetail("degraded", degraded(buckets));
                if (degraded(buckets)) {
                    health.withDetail("degradedSince", failover.degradedSince().toString());
                }
            }
            return health.build();
        };
    }

    @Bean
    Gauge rateLimitDegradedGauge(BucketStore buckets, MeterRegistry registry) {
        return Gauge.builder("migma.ratelimit.degraded", () -> degraded(buckets) ? 1 : 0)
                .description("1 while Redis is unreachable and each instance enforces limits on its own")
                .register(registry);
    }

    private static boolean degraded(BucketStore buckets) {
        return buckets instanceof FailoverBucketStore failover && failover.degradedSince() != null;
    }

    private static RedisBucketStore redisBuckets(RateLimitProperties properties, Environment environment) {
        if (!properties.redisClusterNodes().isEmpty()) {
            log.info("Rate limits are kept in the Redis Cluster of {} seed nodes and shared by every instance using"
                    + " it", properties.redisClusterNodes().size());
            return RedisBucketStore.cluster(properties.redisClusterNodes(), properties.redisTimeout(),
                    properties.localMaximumBuckets());
        }
        String url = environment.getProperty("spring.data.redis.url", "redis://127.0.0.1:6379");
        log.info("Rate limits are kept in Redis and shared by every instance using it");
        return RedisBucketStore.standalone(url, properties.redisTimeout(), properties.localMaximumBuckets());
    }

    private static BucketStore localBuckets(RateLimitProperties properties) {
        return new LocalBucketStore(properties.localMaximumBuckets());
    }
}
