package ai.migma.gateway.bench;

import ai.migma.gateway.web.PreEncodedHeaders;
import ai.migma.gateway.web.PreEncodedHeaders.Name;
import ai.migma.gateway.web.PreEncodedHeaders.Value;
import ai.migma.gateway.web.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.http.MimeHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Profile {@code bench} only: {@code GET /v1/webhooks/events} without the gateway's steps (no key, no rate limit,
 * no usage, no authorization), the bare Spring endpoint that bench/hot-path.sh measures the gateway against in the
 * same build. Never for serving: the route is open, which is why this class is not in the gateway's sources but
 * compiled in only by the Maven profile {@code bench} ({@code ./mvnw -Pbench package}, as the bench scripts do).
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class BenchProfileConfiguration {

    @Bean
    WebSecurityCustomizer bareBenchRoute() {
        return web -> web.ignoring().requestMatchers("/v1/webhooks/events");
    }

    /**
     * With {@code MIGMA_BENCH_GATEWAY_HEADERS=true}, the bare route's responses also carry the seven headers the
     * gateway adds to a 200 (rate-limit and security headers), with values of the same length, written the way the
     * gateway writes them. Measured against plain bare and the gateway, it tells what the longer response costs
     * (Tomcat writing it, the client reading it) apart from what the gateway's steps cost.
     */
    @Bean
    @ConditionalOnProperty(name = "migma.bench.gateway-headers", havingValue = "true")
    FilterRegistrationBean<HttpFilter> gatewayHeadersOnBareRoute() {
        // The rate-limit figures as constants of the benchmark key's lengths: their computation is the gateway's
        // rate-limit step, not the response's length.
        Map<Name, Value> headers = new LinkedHashMap<>();
        headers.put(Name.of("X-RateLimit-Limit"), Value.of("1000000000"));
        headers.put(Name.of("X-RateLimit-Remaining"), Value.of("999999999"));
        headers.put(Name.of("X-RateLimit-Reset"), Value.of("1795776625"));
        headers.put(Name.of("RateLimit-Policy"), Value.of("\"account\";q=1000000000;w=60"));
        headers.put(Name.of("RateLimit"), Value.of("\"account\";r=999999999;t=1"));
        HttpFilter filter = new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                SecurityHeaders.write(request, response);
                MimeHeaders table = PreEncodedHeaders.table(request);
                headers.forEach((name, value) -> PreEncodedHeaders.add(table, response, name, value));
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/v1/webhooks/events");
        return registration;
    }
}
