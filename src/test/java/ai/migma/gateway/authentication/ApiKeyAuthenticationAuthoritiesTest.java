package ai.migma.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.support.UnitTest;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

@UnitTest
class ApiKeyAuthenticationAuthoritiesTest {

    private final ApiKeySnapshot key = new ApiKeySnapshot("AbCd1234", UUID.randomUUID(), KeyEnvironment.TEST,
            Set.of(Permission.AUDIENCE_READ, Permission.EMAIL_READ), null, null, null, Instant.now());

    @Test
    void grantsTheKeysPermissionsAsAuthorities() {
        ApiKeyAuthentication authentication = new ApiKeyAuthentication(new ApiKeyPrincipal(key));

        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getAuthorities()).containsExactlyInAnyOrder(Permission.AUDIENCE_READ,
                Permission.EMAIL_READ);
        assertThat(authentication.getName()).isEqualTo("AbCd1234");
    }

    @Test
    void authoritiesCannotBeAddedTo() {
        ApiKeyAuthentication authentication = new ApiKeyAuthentication(new ApiKeyPrincipal(key));

        assertThatThrownBy(() -> authentication.getAuthorities().add(new SimpleGrantedAuthority("admin")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUncheckedTokenHasNoAuthoritiesAndHidesItsKey() {
        ApiKeyAuthenticationToken token = new ApiKeyAuthenticationToken("mgma_sk_test_secret", () -> "192.0.2.1");

        assertThat(token.getAuthorities()).isEmpty();
        assertThat(token.isAuthenticated()).isFalse();
        assertThat(token.toString()).doesNotContain("secret");
    }
}
