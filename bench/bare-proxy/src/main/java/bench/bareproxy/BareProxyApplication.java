package bench.bareproxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * No gateway, only Spring Cloud Gateway Server MVC: the route in application.yml, proxied with Spring Boot's
 * defaults on Apache HttpClient 5. The gateway's proxy routes are measured against this (bench/proxy.sh).
 */
@SpringBootApplication
public class BareProxyApplication {

    /** HttpClient's pool keeps 5 connections per route by default: far fewer than the benchmark's 64 clients. */
    static final int CONNECTIONS = 200;

    @Bean
    ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> connectionPool() {
        return builder -> builder.withConnectionManagerCustomizer(
                pool -> pool.setMaxConnPerRoute(CONNECTIONS).setMaxConnTotal(CONNECTIONS));
    }

    public static void main(String[] args) {
        SpringApplication.run(BareProxyApplication.class, args);
    }
}
