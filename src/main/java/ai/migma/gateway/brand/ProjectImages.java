package ai.migma.gateway.brand;

import static ai.migma.gateway.SqlValues.instant;
import static ai.migma.gateway.SqlValues.strings;

import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's images (the SDK's {@code images}): URLs of pictures the brand uses, each with a description and tags,
 * named by the URL itself, once per project. Nothing is fetched: Migma would analyse the picture, this stand-in
 * stores what it is told.
 */
@Service
public class ProjectImages {

    static final int MAX_URL = 2048;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    static final int MAX_IMAGES = 500;

    /** The SDK's {@code ProjectImage}; {@code description} absent when there is none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String url, String description, List<String> tags, Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Clock clock;

    ProjectImages(JdbcClient jdbc, ProjectService projects, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.clock = clock;
    }

    @Transactional
    public Image add(UUID accountId, String projectId, String url, String description, List<String> tags) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedUrl = url("url", url);
        String checkedDescription = description(description);
        List<String> checkedTags = tags(tags);
        // Counted under the project's lock, so two adds at once cannot both take the last place.
        jdbc.sql("select id from projects where id = ? for update").param(project).query(UUID.class).single();
        long count = jdbc.sql("select count(*) from project_images where project_id = ?").param(project)
                .query(Long.class).single();
        if (count >= MAX_IMAGES) {
            throw ApiException.invalid("A project holds at most " + MAX_IMAGES + " images; remove one first");
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("insert into project_images (project_id, url, description, tags, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (project_id, url) do nothing "
                        + "returning url, description, tags, created_at, updated_at")
                .params(project, checkedUrl, checkedDescription,
                        (checkedTags == null ? List.<String>of() : checkedTags).toArray(String[]::new), now, now)
                .query(ProjectImages::image).optional()
                .orElseThrow(() -> ApiException.conflict("The project already has an image with this url"));
    }

    /** Changes the description and tags given of the image named by {@code imageUrl}; an empty description clears. */
    @Transactional
    public Image update(UUID accountId, String projectId, String imageUrl, String description, List<String> tags) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedUrl = url("imageUrl", imageUrl);
        if (description == null && tags == null) {
            throw ApiException.invalid("Give description or tags to change");
        }
        String checkedDescription = description(description);
        List<String> checkedTags = tags(tags);
        return jdbc.sql("update project_images set description = case when ? then ?::text else description end, "
                        + "tags = coalesce(?, tags), updated_at = ? where project_id = ? and url = ? "
                        + "returning url, description, tags, created_at, updated_at")
                .params(description != null, checkedDescription,
                        checkedTags == null ? null : checkedTags.toArray(String[]::new),
                        Timestamp.from(clock.instant()), project, checkedUrl)
                .query(ProjectImages::image).optional()
                .orElseThrow(() -> ApiException.notFound("Image"));
    }

    @Transactional
    public void remove(UUID accountId, String projectId, String imageUrl) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedUrl = url("imageUrl", imageUrl);
        if (jdbc.sql("delete from project_images where project_id = ? and url = ?").params(project, checkedUrl)
                .update() == 0) {
            throw ApiException.notFound("Image");
        }
    }

    /** An http(s) URL with a host, stripped; compared as written otherwise. */
    static String url(String field, String url) {
        String checked = Fields.requireText(field, url, MAX_URL);
        try {
            URI uri = new URI(checked);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return checked;
            }
        } catch (URISyntaxException e) {
            // Refused below, as any other URL that is not http(s).
        }
        throw ApiException.invalid(field + " must be an http(s) URL such as https://cdn.example.com/logo.png");
    }

    private static String description(String description) {
        String checked = Fields.optionalText("description", description, MAX_DESCRIPTION);
        return checked == null || checked.isEmpty() ? null : checked;
    }

    /** Tag names, stripped, without repeats (compared without case); null when not given. */
    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiException.invalid("tags must hold at most " + MAX_TAGS + " tags");
        }
        List<String> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank() || tag.length() > MAX_TAG) {
                throw ApiException.invalid("tags[" + i + "] must be 1 to " + MAX_TAG + " characters");
            }
            if (seen.add(tag.strip().toLowerCase(Locale.ROOT))) {
                checked.add(tag.strip());
            }
        }
        return checked;
    }

    private static Image image(ResultSet row, int n) throws SQLException {
        return new Image(row.getString("url"), row.getString("description"), strings(row.getArray("tags")),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
