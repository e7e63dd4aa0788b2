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

    @Query(value = "select * from projects where account_id = :accountId and status = :status "
            + "order by created_at, id limit :limit offset :offset", nativeQuery = true)
    List<Project> findPage(UUID accountId, String status, int limit, long offset);

    long countByAccountId(UUID accountId);

    long countByAccountIdAndStatus(UUID accountId, String status);

    boolean existsByIdAndAccountId(UUID id, UUID accountId);

    Optional<Project> findByIdAndAccountId(UUID id, UUID accountId);
}
