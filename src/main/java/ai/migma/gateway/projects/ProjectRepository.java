package ai.migma.gateway.projects;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ProjectRepository extends JpaRepository<Project, UUID> {

    @Query(value = "select * from projects where account_id = :accountId order by created_at, id "
            + "limit :limit offset :offset", nativeQuery = true)
    List<Project> findPage(UUID accountId, int limit, long offset);

    long countByAccountId(UUID accountId);

    boolean existsByIdAndAccountId(UUID id, UUID accountId);

    Optional<Project> findByIdAndAccountId(UUID id, UUID accountId);
}
