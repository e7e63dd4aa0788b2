package ai.migma.gateway.dashboard;

import ai.migma.gateway.GatewayProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The dashboard's own chain, apart from the stateless API chain: form login, a session cookie, CSRF tokens on every
 * form, login throttling, logout. Pages load scripts and styles only from the gateway itself.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

    static final String HOME = "/dashboard/settings/api-integration";
    /** As named in application.yml ({@code server.servlet.session.cookie.name}). */
    static final String SESSION_COOKIE = "migma_session";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** bcrypt, in the {@code {id}hash} format, so a later switch of algorithm keeps old hashes readable. */
    @Bean
    PasswordEncoder dashboardPasswordEncoder(DashboardProperties properties) {
        return new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(properties.passwordStrength())));
    }

    /** After the API, health and admin chains, before the catch-all one. */
    @Bean
    @Order(4)
    SecurityFilterChain dashboardChain(HttpSecurity http, DashboardUsers users,
            PasswordEncoder dashboardPasswordEncoder, LoginThrottle throttle) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users.userDetailsService());
        provider.setPasswordEncoder(dashboardPasswordEncoder);
        return http.securityMatcher("/dashboard/**")
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LoginThrottle.LOGIN, "/dashboard/assets/**").permitAll()
                        .anyRequest().hasRole("OWNER"))
                .formLogin(form -> form.loginPage(LoginThrottle.LOGIN).successHandler(throttle.successHandler(HOME))
                        .failureHandler(throttle.failureHandler()).permitAll())
                .addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/dashboard/logout").logoutSuccessUrl(LoginThrottle.LOGIN
                        + "?logout").deleteCookies(SESSION_COOKIE))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginPage())
                        .accessDeniedHandler(
                        // A form whose token no longer matches: mostly a session that expired under an open page.
                        (request, response, denied) -> {
                            if (denied instanceof CsrfException) {
                                response.sendRedirect(request.getContextPath() + LoginThrottle.LOGIN + "?expired");
                            } else {
                                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                            }
                        }))
                .httpBasic(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Sends a visitor without a session to the login page by a relative URL: Spring's default builds an absolute
     * one from the request's Host header, which a client chooses ({@code Location: http://evil.example/...}).
     */
    private static LoginUrlAuthenticationEntryPoint loginPage() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint(LoginThrottle.LOGIN);
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    /** The session cookie travels only over https outside development (it is HttpOnly and SameSite everywhere). */
    @Bean
    ServletContextInitializer secureSessionCookie(GatewayProperties gateway) {
        return context -> context.getSessionCookieConfig()
                .setSecure(gateway.environment() != GatewayProperties.Environment.DEVELOPMENT);
    }
}
