package ai.migma.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Profile {@code bench} only: {@code GET /v1/webhooks/events} without the gateway's steps (no key, no rate limit,
 * no usage, no authorization), the bare Spring endpoint that bench/hot-path.sh measures the gateway against in the
 * same build. Never for serving: the route is open.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class BenchProfileConfiguration {

    @Bean
    WebSecurityCustomizer bareBenchRoute() {
        return web -> web.ignoring().requestMatchers("/v1/webhooks/events");
    }
}
