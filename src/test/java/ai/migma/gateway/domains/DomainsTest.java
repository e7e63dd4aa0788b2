package ai.migma.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SDK's {@code domains} resource over HTTP: custom domains, their DNS records and verification, managed ones. */
@GatewayTest
class DomainsTest {

    @Autowired
    GatewayClient gateway;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    Clock clock;
    @Autowired
    DomainProperties properties;
    Tenant tenant;
    String key;

    @BeforeEach
    void tenant() {
        tenant = gateway.tenant("domain:read", "domain:write");
        key = tenant.key();
    }

    /** Names no other run or test uses: managed prefixes are shared by every account. */
    private static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode create(String key, Map<String, Object> body) {
        Reply reply = gateway.call("POST", "/v1/domains", key, body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("data");
    }

    private JsonNode createManaged(String key, String prefix) {
        Reply reply = gateway.call("POST", "/v1/domains/managed", key, Map.of("prefix", prefix));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("data");
    }

    private static JsonNode record(JsonNode domain, String type, String namePrefix) {
        for (JsonNode record : domain.get("dnsRecords")) {
            if (record.get("type").asString().equals(type) && record.get("name").asString().startsWith(namePrefix)) {
                return record;
            }
        }
        throw new AssertionError("no " + type + " record " + namePrefix + " in " + domain);
    }

    @Test
    void createAnswersWithTheSdkShape() {
        String name = unique("shop") + ".example.com";
        JsonNode domain = create(key, Map.of("domain", " " + name.toUpperCase() + ". "));

        assertThat(domain.propertyNames()).containsExactly("id", "domain", "region", "status", "isVerified",
                "managed", "dnsRecords", "trackingSettings", "createdAt", "updatedAt");
        assertThat(domain.get("domain").asString()).isEqualTo(name);
        assertThat(domain.get("region").asString()).isEqualTo("us-east-1");
        assertThat(domain.get("status").asString()).isEqualTo("pending");
        assertThat(domain.get("isVerified").isBoolean()).isTrue();
        assertThat(domain.get("isVerified").asBoolean()).isFalse();
        assertThat(domain.get("managed").asBoolean()).isFalse();
        assertThat(domain.get("createdAt").isString()).isTrue();
        JsonNode tracking = domain.get("trackingSettings");
        assertThat(tracking.propertyNames()).containsExactly("openTracking", "clickTracking", "brandedTracking");
        assertThat(tracking.get("openTracking").isBoolean()).isTrue();
        assertThat(tracking.get("brandedTracking").asBoolean()).isFalse();

        JsonNode records = domain.get("dnsRecords");
        assertThat(records.isArray()).isTrue();
        assertThat(records.valueStream().map(r -> r.get("type").asString()).toList())
                .containsExactly("TXT", "TXT", "MX", "TXT", "CNAME");
        for (JsonNode record : records) {
            assertThat(record.get("name").asString()).endsWith("." + name);
            assertThat(record.get("value").isString()).isTrue();
            assertThat(record.get("status").asString()).isEqualTo("pending");
            assertThat(record.has("priority")).isEqualTo(record.get("type").asString().equals("MX"));
        }
        JsonNode mx = record(domain, "MX", "send.");
        assertThat(mx.get("priority").isNumber()).isTrue();
        assertThat(mx.get("value").asString()).isEqualTo("feedback-smtp.us-east-1.migma.email");
        assertThat(record(domain, "TXT", "migma._domainkey.").get("value").asString())
                .matches("v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/=]+");
        assertThat(record(domain, "TXT", "send.").get("value").asString())
                .isEqualTo("v=spf1 include:spf.migma.email ~all");
        assertThat(record(domain, "TXT", "_dmarc.").get("value").asString()).startsWith("v=DMARC1;");
        assertThat(record(domain, "CNAME", "track.").get("value").asString()).isEqualTo("track.migma.email");
    }

    @Test
    void getListAndRegionAnswerWithTheSdkShape() {
        String name = unique("eu") + ".example.org";
        JsonNode created = create(key, Map.of("domain", name, "region", "eu-west-1"));
        assertThat(created.get("region").asString()).isEqualTo("eu-west-1");
        assertThat(record(created, "MX", "send.").get("value").asString())
                .isEqualTo("feedback-smtp.eu-west-1.migma.email");

        Reply got = gateway.getWithKey("/v1/domains/" + name.toUpperCase(), key);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("data")).isEqualTo(created);

        String managed = createManaged(key, unique("list")).get("domain").asString();
        Reply list = gateway.getWithKey("/v1/domains", key);
        assertThat(list.json().get("data").isArray()).isTrue();
        assertThat(list.json().get("data").valueStream().map(d -> d.get("domain").asString()).toList())
                .containsExactly(name);
        Reply managedList = gateway.getWithKey("/v1/domains/managed", key);
        assertThat(managedList.json().get("data").valueStream().map(d -> d.get("domain").asString()).toList())
                .containsExactly(managed);
    }

    @Test
    void theSameDomainIsAskedForTheSameRecordsAndTwoDomainsForDifferentKeys() {
        String name = unique("same") + ".example.com";
        JsonNode first = create(key, Map.of("domain", name)).get("dnsRecords");
        assertThat(gateway.call("DELETE", "/v1/domains/" + name, key, null).status()).isEqualTo(200);
        JsonNode again = create(key, Map.of("domain", name)).get("dnsRecords");
        JsonNode other = create(key, Map.of("domain", unique("other") + ".example.com")).get("dnsRecords");

        assertThat(again).isEqualTo(first);
        assertThat(other.get(0).get("value").asString()).isNotEqualTo(first.get(0).get("value").asString());
    }

    @Test
    void refusesTheSameDomainTwiceInOneAccountButNotInTwo() {
        String name = unique("twice") + ".example.com";
        JsonNode mine = create(key, Map.of("domain", name));

        Reply again = gateway.call("POST", "/v1/domains", key, Map.of("domain", name.toUpperCase()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("conflict");

        JsonNode theirs = create(gateway.tenant("domain:write").key(), Map.of("domain", name));
        assertThat(theirs.get("domain").asString()).isEqualTo(name);
        // Each account its own DKIM key: the domain's DNS says which of them may send for it.
        assertThat(record(theirs, "TXT", "migma.").get("value"))
                .isNotEqualTo(record(mine, "TXT", "migma.").get("value"));
    }

    @Test
    void verifyWithTheRecordsInDnsIsVerified() {
        String name = unique("verified") + ".example.com";
        JsonNode created = create(key, Map.of("domain", name));
        Map<String, List<String>> dns = new HashMap<>();
        for (JsonNode record : created.get("dnsRecords")) {
            String type = record.get("type").asString();
            String value = record.get("value").asString();
            dns.put(type + " " + record.get("name").asString(), List.of(switch (type) {
                case "MX" -> record.get("priority").asInt() + " " + value + ".";
                case "TXT" -> value;
                default -> value + ".";
            }));
        }
        DomainVerifier verifier = new DomainVerifier((n, type) -> dns.getOrDefault(type + " " + n, List.of()),
                Duration.ofSeconds(2));
        try {
            DomainService.VerificationView result = new DomainService(jdbc, properties, verifier, json, clock)
                    .verify(UUID.fromString(tenant.account()), name);
            assertThat(result.status()).isEqualTo("verified");
        } finally {
            verifier.destroy();
        }

        JsonNode domain = gateway.getWithKey("/v1/domains/" + name, key).json().get("data");
        assertThat(domain.get("status").asString()).isEqualTo("verified");
        assertThat(domain.get("isVerified").asBoolean()).isTrue();
        assertThat(domain.get("verifiedAt").isString()).isTrue();
        assertThat(domain.get("dnsRecords").valueStream().map(r -> r.get("status").asString()))
                .containsOnly("verified");

        // Over HTTP DNS answers nothing here: no evidence against records already found, so it stays verified.
        Reply again = gateway.call("POST", "/v1/domains/" + name + "/verify", key, null);
        assertThat(again.json().at("/data/status").asString()).isEqualTo("verified");
        assertThat(again.json().at("/data/isVerified").asBoolean()).isTrue();
    }

    @Test
    void verifyOfANameDnsCannotResolveIsPendingQuicklyAndNoError() {
        String name = unique("nowhere") + ".invalid";
        create(key, Map.of("domain", name));

        long started = System.nanoTime();
        Reply reply = gateway.call("POST", "/v1/domains/" + name + "/verify", key, null);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode result = reply.json().get("data");
        assertThat(result.propertyNames()).containsExactly("domain", "status", "isVerified", "dnsRecords",
                "checkedAt");
        assertThat(result.get("domain").asString()).isEqualTo(name);
        assertThat(result.get("status").asString()).isEqualTo("pending");
        assertThat(result.get("isVerified").asBoolean()).isFalse();
        assertThat(result.get("dnsRecords")).hasSize(5);
        assertThat(result.get("dnsRecords").valueStream().map(r -> r.get("status").asString()))
                .containsOnly("pending");
        assertThat(gateway.getWithKey("/v1/domains/" + name, key).json().at("/data/lastCheckedAt").isString())
                .isTrue();
    }

    @Test
    void patchSetsTheGivenTrackingSettingsOnly() {
        String name = unique("track") + ".example.com";
        create(key, Map.of("domain", name));

        Reply off = gateway.call("PATCH", "/v1/domains/" + name, key, Map.of("openTracking", false));
        assertThat(off.status()).as(off.text()).isEqualTo(200);
        assertThat(off.json().at("/data/trackingSettings/openTracking").asBoolean()).isFalse();
        assertThat(off.json().at("/data/trackingSettings/clickTracking").asBoolean()).isTrue();

        Reply branded = gateway.call("PATCH", "/v1/domains/" + name, key, Map.of("brandedTracking", true,
                "clickTracking", false));
        assertThat(branded.json().at("/data/trackingSettings").toString())
                .isEqualTo("{\"openTracking\":false,\"clickTracking\":false,\"brandedTracking\":true}");
        assertThat(gateway.getWithKey("/v1/domains/" + name, key).json().at("/data/trackingSettings"))
                .isEqualTo(branded.json().at("/data/trackingSettings"));

        Reply notABoolean = gateway.call("PATCH", "/v1/domains/" + name, key, Map.of("openTracking", "maybe"));
        assertThat(notABoolean.status()).isEqualTo(400);
    }

    @Test
    void removeAnswersTheDeletedDomain() {
        String name = unique("gone") + ".example.com";
        create(key, Map.of("domain", name));

        Reply removed = gateway.call("DELETE", "/v1/domains/" + name, key, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("data").propertyNames()).containsExactly("domain", "deleted");
        assertThat(removed.json().at("/data/domain").asString()).isEqualTo(name);
        assertThat(removed.json().at("/data/deleted").isBoolean()).isTrue();
        assertThat(removed.json().at("/data/deleted").asBoolean()).isTrue();
        assertThat(gateway.getWithKey("/v1/domains/" + name, key).status()).isEqualTo(404);
        assertThat(gateway.call("DELETE", "/v1/domains/" + name, key, null).status()).isEqualTo(404);
    }

    @Test
    void aManagedDomainIsVerifiedAtOnceAndItsPrefixTakenForEveryAccount() {
        String prefix = unique("acme");
        String other = gateway.tenant("domain:read", "domain:write").key();
        Reply free = gateway.getWithKey("/v1/domains/managed/check/" + prefix, other);
        assertThat(free.status()).isEqualTo(200);
        assertThat(free.json().at("/data/available").isBoolean()).isTrue();
        assertThat(free.json().at("/data/available").asBoolean()).isTrue();
        assertThat(free.json().at("/data/domain").asString()).isEqualTo(prefix + ".migma.email");

        JsonNode managed = createManaged(key, prefix.toUpperCase());
        assertThat(managed.get("domain").asString()).isEqualTo(prefix + ".migma.email");
        assertThat(managed.get("status").asString()).isEqualTo("verified");
        assertThat(managed.get("isVerified").asBoolean()).isTrue();
        assertThat(managed.get("managed").asBoolean()).isTrue();
        assertThat(managed.get("region").asString()).isEqualTo("us-east-1");
        assertThat(managed.get("verifiedAt").isString()).isTrue();
        assertThat(managed.get("dnsRecords").valueStream().map(r -> r.get("status").asString()))
                .containsOnly("verified");

        assertThat(gateway.getWithKey("/v1/domains/managed/check/" + prefix, other).json().at("/data/available")
                .asBoolean()).isFalse();
        assertThat(gateway.getWithKey("/v1/domains/managed/check/" + prefix, key).json().at("/data/available")
                .asBoolean()).isFalse();
        Reply taken = gateway.call("POST", "/v1/domains/managed", other, Map.of("prefix", prefix));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(gateway.call("POST", "/v1/domains/managed", key, Map.of("prefix", prefix)).status())
                .isEqualTo(409);

        String domain = managed.get("domain").asString();
        assertThat(gateway.getWithKey("/v1/domains/" + domain, key).json().at("/data/managed").asBoolean()).isTrue();
        Reply verify = gateway.call("POST", "/v1/domains/" + domain + "/verify", key, null);
        assertThat(verify.json().at("/data/status").asString()).isEqualTo("verified");

        Reply removed = gateway.call("DELETE", "/v1/domains/managed/" + domain, key, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("data").toString())
                .isEqualTo("{\"domain\":\"" + domain + "\",\"deleted\":true}");
        assertThat(gateway.getWithKey("/v1/domains/managed/check/" + prefix, other).json().at("/data/available")
                .asBoolean()).isTrue();
        assertThat(createManaged(other, prefix).get("region").asString()).isEqualTo("us-east-1");
    }

    @Test
    void eachRemoveRouteRemovesItsOwnKindOnly() {
        String custom = unique("custom") + ".example.com";
        create(key, Map.of("domain", custom));
        String managed = createManaged(key, unique("kind")).get("domain").asString();

        Reply wrongCustom = gateway.call("DELETE", "/v1/domains/managed/" + custom, key, null);
        assertThat(wrongCustom.status()).isEqualTo(400);
        assertThat(wrongCustom.json().get("error").asString()).contains("DELETE /v1/domains/{domain}");
        Reply wrongManaged = gateway.call("DELETE", "/v1/domains/" + managed, key, null);
        assertThat(wrongManaged.status()).isEqualTo(400);
        assertThat(wrongManaged.json().get("error").asString()).contains("DELETE /v1/domains/managed/{domain}");
        assertThat(gateway.getWithKey("/v1/domains/" + custom, key).status()).isEqualTo(200);
        assertThat(gateway.getWithKey("/v1/domains/" + managed, key).status()).isEqualTo(200);
    }

    private void expect400(String path, Map<String, Object> body, String error) {
        Reply reply = gateway.call("POST", path, key, body);
        assertThat(reply.status()).as(body.toString()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).as(body.toString()).startsWith(error);
    }

    @Test
    void rejectsInvalidDomainsPrefixesAndRegions() {
        expect400("/v1/domains", Map.of(), "domain is required");
        expect400("/v1/domains", Map.of("domain", "localhost"), "domain must be a host name");
        expect400("/v1/domains", Map.of("domain", "https://example.com/"), "domain must be a host name");
        expect400("/v1/domains", Map.of("domain", "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60)
                + "." + "d".repeat(60) + "." + "e".repeat(60) + ".com"), "domain must be a host name");
        expect400("/v1/domains", Map.of("domain", "shop.migma.email"), "domains under migma.email are managed");
        expect400("/v1/domains", Map.of("domain", "example.com", "region", "ap-south-1"), "region must be one of");
        expect400("/v1/domains/managed", Map.of(), "prefix is required");
        expect400("/v1/domains/managed", Map.of("prefix", "-acme"), "prefix must be a DNS label");
        expect400("/v1/domains/managed", Map.of("prefix", "ac.me"), "prefix must be a DNS label");
        expect400("/v1/domains/managed", Map.of("prefix", "a".repeat(64)), "prefix must be a DNS label");
        expect400("/v1/domains/managed", Map.of("prefix", "www"), "prefix www is reserved");
        expect400("/v1/domains/managed", Map.of("prefix", "Admin"), "prefix admin is reserved");
        expect400("/v1/domains/managed", Map.of("prefix", unique("ok"), "region", "mars-1"), "region must be one of");
        for (String prefix : List.of("mail", "ac_me", "-x")) {
            Reply reply = gateway.getWithKey("/v1/domains/managed/check/" + prefix, key);
            assertThat(reply.status()).as(prefix).isEqualTo(400);
        }
        assertThat(gateway.getWithKey("/v1/domains", key).json().get("data")).isEmpty();
    }

    @Test
    void aKeyWithoutTheDomainScopesIsRefused() {
        String name = unique("scoped") + ".example.com";
        create(key, Map.of("domain", name));
        String readOnly = gateway.createKey(tenant.account(), "test", "domain:read").get("key").asString();
        String writeOnly = gateway.createKey(tenant.account(), "test", "domain:write").get("key").asString();

        assertThat(gateway.getWithKey("/v1/domains/" + name, readOnly).status()).isEqualTo(200);
        assertThat(gateway.getWithKey("/v1/domains/managed", readOnly).status()).isEqualTo(200);
        for (String[] write : new String[][] {{"POST", "/v1/domains"}, {"PATCH", "/v1/domains/" + name},
                {"POST", "/v1/domains/" + name + "/verify"}, {"DELETE", "/v1/domains/" + name},
                {"GET", "/v1/domains/managed/check/acme"}, {"POST", "/v1/domains/managed"},
                {"DELETE", "/v1/domains/managed/x.migma.email"}}) {
            Reply reply = gateway.call(write[0], write[1], readOnly, write[0].equals("GET") ? null : Map.of());
            assertThat(reply.status()).as(write[0] + " " + write[1]).isEqualTo(403);
        }
        for (String read : List.of("/v1/domains", "/v1/domains/" + name, "/v1/domains/managed")) {
            assertThat(gateway.getWithKey(read, writeOnly).status()).as(read).isEqualTo(403);
        }
        assertThat(gateway.getWithKey("/v1/domains", readOnly).json().get("error")).isNull();
    }

    @Test
    void anotherAccountsDomainIs404() {
        String name = unique("mine") + ".example.com";
        create(key, Map.of("domain", name));
        String managed = createManaged(key, unique("mine")).get("domain").asString();
        String other = gateway.tenant("domain:read", "domain:write").key();

        assertThat(gateway.getWithKey("/v1/domains/" + name, other).status()).isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/domains/" + managed, other).status()).isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/domains/" + name + "/verify", other, null).status()).isEqualTo(404);
        assertThat(gateway.call("PATCH", "/v1/domains/" + name, other, Map.of("openTracking", false)).status())
                .isEqualTo(404);
        assertThat(gateway.call("DELETE", "/v1/domains/" + name, other, null).status()).isEqualTo(404);
        Reply theirs = gateway.call("DELETE", "/v1/domains/managed/" + managed, other, null);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.json().get("error").asString()).isEqualTo("Domain not found");
        assertThat(gateway.getWithKey("/v1/domains", other).json().get("data")).isEmpty();
        assertThat(gateway.getWithKey("/v1/domains/" + name, key).json()
                .at("/data/trackingSettings/openTracking").asBoolean()).isTrue();
    }
}
