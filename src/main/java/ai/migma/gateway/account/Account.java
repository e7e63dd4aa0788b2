package ai.migma.gateway.account;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "accounts")
class Account {

    @Id
    private UUID id;

    private String name;

    private String plan;

    private Integer rateLimitPerMinute;

    private Instant createdAt;

    private Instant updatedAt;

    protected Account() {
    }

    Account(String name, Plan plan, Integer rateLimitPerMinute, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.plan = plan.wireName();
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void change(String name, Plan plan, Integer rateLimitPerMinute, Instant now) {
        this.name = name;
        this.plan = plan.wireName();
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.updatedAt = now;
    }

    AccountView view() {
        return new AccountView(id, name, plan(), rateLimitPerMinute, createdAt, updatedAt);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    Plan plan() {
        return Plan.fromWireName(plan);
    }

    Integer rateLimitPerMinute() {
        return rateLimitPerMinute;
    }
}
