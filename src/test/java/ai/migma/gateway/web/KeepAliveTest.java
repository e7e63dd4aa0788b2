package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.RawHttp;
import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** A client that keeps its connection open is served on it well past Tomcat's default of 100 requests. */
@GatewayTest
class KeepAliveTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 200 ");
    private static final Pattern CLOSE = Pattern.compile("(?i)\r\nConnection: close\r\n");

    @Autowired
    Environment environment;

    @Test
    void servesThreeTimesTomcatsDefaultOnOneKeptAliveConnection() throws IOException {
        String request = "GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String last = "GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        int port = environment.getRequiredProperty("local.server.port", Integer.class);

        String responses = RawHttp.exchange(port, request.repeat(299) + last);

        assertThat(STATUS_LINE.matcher(responses).results().count()).isEqualTo(300);
        assertThat(CLOSE.matcher(responses).results().count()).as("only the last response closes").isEqualTo(1);
    }
}
