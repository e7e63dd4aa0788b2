package ai.migma.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

@UnitTest
class BearerTokensTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "bearer abc", "BEARER abc", "bEaReR abc"})
    void acceptsTheSchemeInAnyCase(String header) {
        assertThat(BearerTokens.resolve(requestWith(header))).isEqualTo("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer  abc", "Bearer abc def", "Basic abc", "Bearerabc",
            "Token abc", "abc", "Bearer\tabc"})
    void rejectsAnythingButOneBearerToken(String header) {
        assertThat(BearerTokens.resolve(requestWith(header))).isNull();
    }

    @Test
    void rejectsAMissingHeader() {
        assertThat(BearerTokens.resolve(new MockHttpServletRequest())).isNull();
    }

    @Test
    void rejectsTwoAuthorizationHeaders() {
        MockHttpServletRequest request = requestWith("Bearer abc");
        request.addHeader("Authorization", "Bearer abc");
        assertThat(BearerTokens.resolve(request)).isNull();
    }

    private static MockHttpServletRequest requestWith(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", authorization);
        return request;
    }
}
