package ai.migma.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class JndiDnsResolverTest {

    @Test
    void aTxtRecordsStringsAreJoinedAsDnsHoldsThem() {
        assertThat(JndiDnsResolver.joinedText("\"v=DKIM1; k=rsa; p=MIIB\" AQAB"))
                .isEqualTo("v=DKIM1; k=rsa; p=MIIBAQAB");
        assertThat(JndiDnsResolver.joinedText("\"v=spf1 include:spf.migma.email ~all\""))
                .isEqualTo("v=spf1 include:spf.migma.email ~all");
        assertThat(JndiDnsResolver.joinedText("abc def")).isEqualTo("abcdef");
        assertThat(JndiDnsResolver.joinedText("\"say \\\"hi\\\" \\\\ there\"")).isEqualTo("say \"hi\" \\ there");
        assertThat(JndiDnsResolver.joinedText("\"\"")).isEmpty();
    }
}
