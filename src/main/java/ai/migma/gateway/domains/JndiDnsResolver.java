package ai.migma.gateway.domains;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The JVM's own DNS client (JNDI's DNS provider), asking the name servers the machine is configured with. Each try
 * waits {@value #TIMEOUT_MILLIS} ms and is made {@value #RETRIES} times, so a lookup that gets no answer ends on
 * its own in about a second and a half; the verifier bounds the whole verification besides.
 */
@Component
final class JndiDnsResolver implements DnsResolver {

    private static final Logger log = LoggerFactory.getLogger(JndiDnsResolver.class);
    static final int TIMEOUT_MILLIS = 500;
    static final int RETRIES = 2;

    @Override
    public List<String> lookup(String name, String type) {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        environment.put("com.sun.jndi.dns.timeout.initial", Integer.toString(TIMEOUT_MILLIS));
        environment.put("com.sun.jndi.dns.timeout.retries", Integer.toString(RETRIES));
        DirContext context = null;
        try {
            context = new InitialDirContext(environment);
            // A final dot: the name is absolute, never completed with the machine's search domains.
            Attributes attributes = context.getAttributes(name + ".", new String[] {type});
            Attribute attribute = attributes.get(type);
            List<String> values = new ArrayList<>();
            if (attribute != null) {
                NamingEnumeration<?> all = attribute.getAll();
                while (all.hasMore()) {
                    String value = String.valueOf(all.next());
                    values.add(type.equals("TXT") ? joinedText(value) : value);
                }
            }
            return values;
        } catch (NamingException | RuntimeException e) {
            // Not found, no answer, no name server: all pending alike, so not worth more than a debug line.
            log.debug("DNS lookup of {} {} failed: {}", type, name, e.toString());
            return List.of();
        } finally {
            close(context);
        }
    }

    /**
     * A TXT record's text from JNDI's form of it, where each of its strings is written in turn, separated by a
     * space and quoted when it holds one: {@code "v=DKIM1; k=rsa; p=MIIB..." "...IDAQAB"} is one record.
     */
    static String joinedText(String value) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\' && i + 1 < value.length()) {
                        i++;
                    }
                    text.append(value.charAt(i++));
                }
                i++;
            } else {
                while (i < value.length() && value.charAt(i) != ' ') {
                    text.append(value.charAt(i++));
                }
            }
        }
        return text.toString();
    }

    private static void close(DirContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException e) {
                log.debug("Closing a DNS context failed: {}", e.toString());
            }
        }
    }
}
