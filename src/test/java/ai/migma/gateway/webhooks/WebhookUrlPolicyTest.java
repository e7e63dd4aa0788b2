package ai.migma.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.GatewayProperties.Environment;
import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.support.WebhookReceiver;
import ai.migma.gateway.web.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Where a webhook may point, per environment, and that a delivery connects only where the policy judged. Names are
 * resolved by a resolver the test controls (literals by the JDK, which never asks DNS for them).
 */
@UnitTest
class WebhookUrlPolicyTest {

    /** NAT64, IPv4-compatible, 6to4 and mapped forms of metadata and loopback addresses; Teredo; documentation. */
    static final List<String> TRANSITION_FORMS = List.of("64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1",
            "64:ff9b:1::a00:1", "::a9fe:a9fe", "::7f00:1", "2002:a9fe:a9fe::1", "2002:7f00:1::1", "2002:a00:1::1",
            "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::ffff:0:a9fe:a9fe", "2001:db8::1", "3fff::1");

    private static WebhookUrlPolicy policy(Environment environment) {
        return new WebhookUrlPolicy(new GatewayProperties(environment, null, List.of()));
    }

    @Test
    void loopbackIsAllowedOnlyInDevelopment() throws Exception {
        assertThat(policy(Environment.DEVELOPMENT).check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
        assertThat(policy(Environment.DEVELOPMENT).addressesToConnect("[::1]")).hasSize(1);

        assertThatThrownBy(() -> policy(Environment.PRODUCTION).check("http://127.0.0.1:8080/hook"))
                .isInstanceOf(ApiException.class).hasMessage("url must not point to this machine");
        assertThatThrownBy(() -> policy(Environment.PRODUCTION).addressesToConnect("localhost"))
                .isInstanceOf(WebhookUrlPolicy.RefusedAddressException.class);
    }

    @Test
    void onlyPublicAddressesCountAsPublic() throws Exception {
        for (String address : List.of("10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "127.0.0.2", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1", "fd12::1",
                "fe80::1", "::1", "::", "ff02::1")) {
            assertThat(WebhookUrlPolicy.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("93.184.216.34", "8.8.8.8", "100.128.0.1", "2606:4700::1111",
                "64:ff9b::808:808", "2002:808:808::1")) {
            assertThat(WebhookUrlPolicy.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void anIpv6AddressCarryingAnIpv4OneIsJudgedByIt() throws Exception {
        for (String address : TRANSITION_FORMS) {
            assertThat(WebhookUrlPolicy.isPublic(InetAddress.getByName(address))).as(address).isFalse();
            assertThatThrownBy(() -> policy(Environment.PRODUCTION).check("https://[" + address + "]/hook"))
                    .as(address).isInstanceOf(ApiException.class).hasMessage("url must point to a public address");
            assertThatThrownBy(() -> policy(Environment.DEVELOPMENT).addressesToConnect("[" + address + "]"))
                    .as(address).isInstanceOf(WebhookUrlPolicy.RefusedAddressException.class);
        }
    }

    /**
     * DNS rebinding: the name is public when the webhook is saved and loopback when it is delivered. The delivery's
     * own lookup is the one judged, so it is refused and nothing reaches the receiver on loopback.
     */
    @Test
    void aNameRepointedAfterItsCheckIsRefusedAtDelivery() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookUrlPolicy policy = new WebhookUrlPolicy(false, host -> lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                    : new InetAddress[] {InetAddress.getByName("127.0.0.1")});
            String url = "https://rebinding.example:" + URI.create(receiver.url()).getPort() + "/hook";
            policy.check(url);

            try (WebhookSender sender = sender(policy)) {
                WebhookSender.Attempt attempt = sender.send(url, "secret", Map.of(), UUID.randomUUID(), "test.event",
                        "{}");

                assertThat(attempt.delivered()).isFalse();
                assertThat(attempt.error()).isEqualTo("url is no longer allowed");
            }
            assertThat(receiver.waiting()).isZero();
        }
    }

    /** The name exists only in the policy's resolver: the delivery reaches it, so it connected where that said. */
    @Test
    void aDeliveryConnectsToTheAddressItsOwnLookupJudged() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookUrlPolicy policy = new WebhookUrlPolicy(true, host -> {
                lookups.incrementAndGet();
                if (!host.equals("receiver.invalid")) {
                    throw new UnknownHostException(host);
                }
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            });
            String url = "http://receiver.invalid:" + URI.create(receiver.url()).getPort() + "/hook";

            try (WebhookSender sender = sender(policy)) {
                WebhookSender.Attempt attempt = sender.send(url, "secret", Map.of(), UUID.randomUUID(), "test.event",
                        "{}");

                assertThat(attempt.delivered()).as(String.valueOf(attempt.error())).isTrue();
            }
            assertThat(receiver.next(Duration.ofSeconds(5)).header("X-Migma-Event")).isEqualTo("test.event");
            assertThat(lookups).hasValue(1);
        }
    }

    private static WebhookSender sender(WebhookUrlPolicy policy) {
        return new WebhookSender(new WebhookProperties(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 1), policy);
    }
}
