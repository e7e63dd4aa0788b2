package ai.migma.gateway.projects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> logoUrls;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] importUrls;

    private String importStage;

    private Integer importPercentage;

    private String importError;

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

    /** A project being imported from {@code urls}: pending until the import's steps run. */
    static Project importing(UUID accountId, ProjectImport.Source source, List<String> urls,
            Map<String, String> logoUrls, Instant now) {
        Project project = new Project(accountId, source.name(), source.description(), source.domain(), now);
        project.status = "pending";
        project.importUrls = urls.toArray(String[]::new);
        project.logoUrls = logoUrls;
        project.progress("queued", 0);
        return project;
    }

    UUID id() {
        return id;
    }

    UUID accountId() {
        return accountId;
    }

    String status() {
        return status;
    }

    List<String> importUrls() {
        return importUrls == null ? List.of() : List.of(importUrls);
    }

    boolean imported() {
        return importUrls != null;
    }

    void progress(String stage, int percentage) {
        this.importStage = stage;
        this.importPercentage = percentage;
    }

    void moveTo(String newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
        if (!newStatus.equals("error")) {
            this.importError = null;
        }
    }

    void fail(String error, Instant now) {
        moveTo("error", now);
        this.importError = error.length() > 500 ? error.substring(0, 499) + "…" : error; // the column's length
        progress("failed", importPercentage == null ? 0 : importPercentage);
    }

    /** Sets the logos named in {@code changes}; a null value removes that logo, a kind not named is left as it is. */
    void changeLogos(Map<String, String> changes, Instant now) {
        // A new map, so the JSON column is seen as changed.
        Map<String, String> logos = new LinkedHashMap<>(logoUrls == null ? Map.of() : logoUrls);
        changes.forEach((kind, url) -> {
            if (url == null) {
                logos.remove(kind);
            } else {
                logos.put(kind, url);
            }
        });
        this.logoUrls = logos.isEmpty() ? null : logos;
        this.updatedAt = now;
    }

    Map<String, String> logoUrls() {
        return logoUrls == null ? Map.of() : Map.copyOf(logoUrls);
    }

    ProjectView view() {
        return new ProjectView(id.toString(), name, description == null ? "" : description, status,
                domain == null ? "" : domain, logoUrls == null || logoUrls.isEmpty() ? null : logoUrls, createdAt,
                updatedAt);
    }

    /** The SDK's {@code ImportStatusResponse}. */
    ProjectImport.Status importStatus() {
        return new ProjectImport.Status(id.toString(), status, name, description == null ? "" : description,
                domain == null ? "" : domain, importError,
                new ProjectImport.Progress(importStage == null ? "completed" : importStage,
                        importPercentage == null ? 100 : importPercentage),
                importUrls == null ? null : Map.of("urls", importUrls.length));
    }
}
