package ai.migma.gateway.security;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.apikey.ApiKeyLookup;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.authentication.ApiKeyAuthenticationFailureHandler;
import ai.migma.gateway.authentication.ApiKeyAuthenticationFilter;
import ai.migma.gateway.authentication.ApiKeyAuthenticationProvider;
import ai.migma.gateway.authentication.AuthenticationMetrics;
import ai.migma.gateway.authentication.FailedAuthenticationBudget;
import ai.migma.gateway.authentication.FailureBudget;
import ai.migma.gateway.authentication.JsonAuthenticationEntryPoint;
import ai.migma.gateway.authorization.RouteAuthorizationFilter;
import ai.migma.gateway.authorization.RoutePermissions;
import ai.migma.gateway.proxy.ProxyRoutes;
import ai.migma.gateway.ratelimit.RateLimitFilter;
import ai.migma.gateway.ratelimit.RateLimitMetrics;
import ai.migma.gateway.ratelimit.RateLimitProperties;
import ai.migma.gateway.ratelimit.RateLimiter;
import ai.migma.gateway.ratelimit.RouteBudget;
import ai.migma.gateway.usage.UsageProperties;
import ai.migma.gateway.usage.UsageRecorder;
import ai.migma.gateway.usage.UsageRecordingFilter;
import ai.migma.gateway.web.ClientAddresses;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.ServletRequestPathFilter;

/**
 * The filter chains, one per audience: health (public), the admin API (admin token), the Migma API (keys), and a
 * last chain for everything else (API docs and errors). Each of these is stateless: no session, no CSRF token (no
 * cookies are read), no saved requests. The API chain, the hot path, is assembled by hand from its four steps. The
 * dashboard has its own chain with sessions and CSRF ({@code dashboard/DashboardSecurityConfiguration}, order 4).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Public, but a valid admin token (and only that) makes the details visible. */
    @Bean
    @Order(2)
    SecurityFilterChain healthChain(HttpSecurity http, GatewayProperties gateway) throws Exception {
        return stateless(http.securityMatcher("/actuator/health/**"))
                .addFilterBefore(AdminTokenFilter.optional(gateway.adminToken()), ExceptionTranslationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain adminChain(HttpSecurity http, GatewayProperties gateway, ErrorRenderer errors)
            throws Exception {
        if (!gateway.adminApiEnabled()) {
            log.warn("MIGMA_ADMIN_TOKEN is not set: the admin API (/admin/**) refuses every call");
        }
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint(errors,
                "Invalid or missing admin token");
        // Metrics are operators' business: behind the admin token, never public.
        return stateless(http.securityMatcher("/admin/**", "/actuator/prometheus"))
                .addFilterBefore(new AdminTokenFilter(gateway.adminToken(), entryPoint, errors),
                        ExceptionTranslationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(AdminTokenFilter.ROLE))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) ->
                                errors.write(request, response, ErrorCode.FORBIDDEN, "Admin token required")))
                .build();
    }

    /**
     * First of the chains: the proxy tries each chain's matcher in order, and this is the one under load. Its four
     * steps, in the order a request meets them, each in its own feature: authenticate ({@code authentication}),
     * count ({@code usage}, around everything after it, so every authenticated request is counted whatever it ends
     * in), limit ({@code ratelimit}) and authorize ({@code authorization}).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(GatewayProperties gateway, ApiKeyLookup directory, ErrorRenderer errors,
            Clock clock, RateLimiter rateLimiter, RateLimitProperties rateLimits, ClientAddresses clients,
            UsageRecorder usage, UsageProperties usageSettings, MeterRegistry meters, ProxyRoutes proxy) {
        AuthenticationMetrics authentications = new AuthenticationMetrics(meters);
        RateLimitMetrics decisions = new RateLimitMetrics(meters);
        boolean limited = rateLimits.backend() != RateLimitProperties.Backend.OFF;
        if (!limited) {
            log.warn("MIGMA_RATE_LIMIT_BACKEND=off: requests are not rate limited");
        }
        FailureBudget failures = limited ? new FailedAuthenticationBudget(rateLimiter, decisions)
                : FailureBudget.UNLIMITED;
        ProviderManager keys = new ProviderManager(new ApiKeyAuthenticationProvider(directory,
                KeyEnvironment.acceptedIn(gateway.environment()), failures, clock));
        List<Filter> filters = new ArrayList<>();
        filters.add(new ApiKeyAuthenticationFilter(keys,
                new ApiKeyAuthenticationFailureHandler(errors, authentications), clients, authentications));
        if (usageSettings.enabled()) {
            filters.add(new UsageRecordingFilter(usage));
        }
        if (limited) {
            filters.add(new RateLimitFilter(rateLimiter, errors, decisions,
                    proxy.any() ? proxy : RouteBudget.Finder.NONE));
        }
        // The one route table: the built-in resources' rules (unless switched off) and the proxy routes' rules.
        List<RoutePermissions.Rule> rules = new ArrayList<>(proxy.builtInApi() ? RoutePermissions.RULES : List.of());
        rules.addAll(proxy.rules());
        filters.add(new RouteAuthorizationFilter(rules, errors));
        // Built by hand rather than with HttpSecurity, which would add a dozen generic filters (context
        // persistence, header writer, exception translation, request-wrapping for the servlet API, authorization
        // manager): the hot path is these four and nothing else. docs/PERFORMANCE.md has what each choice bought.
        List<RequestMatcher> paths = new ArrayList<>();
        paths.add(new PathPrefixMatcher("/v1"));
        proxy.paths().forEach(path -> paths.add(PathPrefixMatcher.forPattern(path)));
        return new DefaultSecurityFilterChain(paths.size() == 1 ? paths.get(0) : new OrRequestMatcher(paths), filters);
    }

    /**
     * No Micrometer observation around each security filter: on the API chain that wrapping cost more than the
     * filters themselves. Requests are still observed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security wraps its filter chain proxy with a {@link ServletRequestPathFilter}, which parses each request's
     * path up front for the chains' path matchers and removes it after; the DispatcherServlet parses it once more
     * anyway. The API chain matches literal paths without it ({@link PathPrefixMatcher}) and every other path matcher
     * parses on its own, so the up-front parse only cost each API request about 0.5 µs (docs/PERFORMANCE.md). This
     * puts the proxy Spring Security built back in the wrapper's place; if that wrapper ever takes another shape it is
     * left alone ({@code RequestLayersTest} says so).
     */
    @Bean
    static BeanFactoryPostProcessor securityFiltersWithoutUpFrontPathParsing() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry)
                    || !registry.containsBeanDefinition(SECURITY_FILTERS)) {
                return;
            }
            ValueHolder wrapped = registry.getBeanDefinition(SECURITY_FILTERS).getConstructorArgumentValues()
                    .getIndexedArgumentValue(0, null);
            if (wrapped == null || !(wrapped.getValue() instanceof List<?> filters) || filters.size() != 2
                    || !(filters.get(0) instanceof BeanDefinition first)
                    || !ServletRequestPathFilter.class.getName().equals(first.getBeanClassName())
                    || !(filters.get(1) instanceof BeanDefinition proxy)) {
                return;
            }
            registry.removeBeanDefinition(SECURITY_FILTERS);
            registry.registerBeanDefinition(SECURITY_FILTERS, proxy);
        };
    }

    private static final String SECURITY_FILTERS = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;

    /** Health, /v1, /admin and the dashboard have their chains; the rest is API docs or MVC's JSON 404. */
    @Bean
    @Order(5)
    SecurityFilterChain fallbackChain(HttpSecurity http) throws Exception {
        return stateless(http).authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
    }

    /** The default firewall's rules, with fast paths for plain paths and the printable ASCII of ordinary headers. */
    @Bean
    HttpFirewall httpFirewall() {
        return new FastPathFirewall();
    }

    /**
     * A request the firewall rejects (encoded slashes, "..", control characters) is a 400 envelope, not a 500. The
     * firewall's message quotes the rejected header value, which may be a key with a stray byte, so unlike Spring's
     * own handler this one never logs it.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ErrorRenderer errors) {
        return (request, response, rejected) -> {
            log.debug("Rejected a malformed request for {}", request.getMethod());
            errors.write(request, response, ErrorCode.VALIDATION_ERROR, "Malformed request");
        };
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable);
    }
}
