package ai.migma.gateway.projects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "projects")
class Project {

    @Id
    private UUID id;

    private UUID accountId;

    private String name;

    private String description;

    private String domain;

    private String status;

    private Instant createdAt;

    private Instant updatedAt;

    protected Project() {
    }

    Project(UUID accountId, String name, String description, String domain, Instant now) {
        this.id = UUID.randomUUID();
        this.accountId = accountId;
        this.name = name;
        this.description = description;
        this.domain = domain;
        this.status = "active";
        this.createdAt = now;
        this.updatedAt = now;
    }

    ProjectView view() {
        return new ProjectView(id.toString(), name, description, status, domain, createdAt, updatedAt);
    }
}
