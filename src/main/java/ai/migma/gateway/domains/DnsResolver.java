package ai.migma.gateway.domains;

import java.util.List;

/** Looks DNS records up; tests give a verification their own answers through it. */
interface DnsResolver {

    /**
     * The records of {@code type} ({@code TXT}, {@code MX} or {@code CNAME}) at {@code name}, in presentation form:
     * a TXT record's text with its strings joined, an MX as {@code "<preference> <exchange>"}, a CNAME's target.
     * Empty when there are none or the lookup failed for any reason: a verification cannot tell those apart from
     * a record not published yet, and must not fail because DNS did not answer.
     */
    List<String> lookup(String name, String type);
}
