package ai.migma.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.RawHttp;
import ai.migma.gateway.support.TestUpstream;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that stops sending its body does not hold the upstream's connection past the server's read timeout
 * (here 1 s, {@code server.tomcat.connection-timeout}): the upstream request is abandoned, the client gets a 408, and
 * the fault is logged as the client's, not as an upstream timeout.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class ProxySlowClientTest {

    static final TestUpstream UPSTREAM = new TestUpstream();

    @Autowired
    GatewayClient gateway;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("server.tomcat.connection-timeout", () -> "1s");
        registry.add("migma.proxy.routes[0].id", () -> "files");
        registry.add("migma.proxy.routes[0].path", () -> "/files/**");
        registry.add("migma.proxy.routes[0].uri", () -> "http://127.0.0.1:" + UPSTREAM.port() + "/api");
        registry.add("migma.proxy.routes[0].strip-prefix", () -> "1");
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void aStalledUploadIsA408AndReleasesTheUpstreamConnection(CapturedOutput output) throws Exception {
        String key = gateway.newTestKey();
        long started = System.nanoTime();

        // Ten bytes of the million announced, then nothing.
        RawHttp.Response reply = RawHttp.send(gateway.port(), "POST /files/upload/big.bin HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 1000000\r\n\r\n0123456789");

        assertThat(reply.status()).isEqualTo(408);
        assertThat(GatewayClient.parse(reply.body()).get("code").asString()).isEqualTo("request_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (UPSTREAM.uploadsInProgress() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(UPSTREAM.uploadsInProgress()).as("upstream requests still open").isZero();
        // The client's fault, not reported as the upstream's.
        assertThat(output.getAll()).doesNotContain("upstream http://127.0.0.1:" + UPSTREAM.port() + " timed out");
    }
}
