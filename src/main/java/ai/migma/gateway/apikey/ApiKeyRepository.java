package ai.migma.gateway.apikey;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    boolean existsByKeyHash(byte[] keyHash);

    boolean existsByKeyId(String keyId);

    Optional<ApiKey> findByKeyId(String keyId);

    Optional<ApiKey> findByAccountIdAndKeyId(UUID accountId, String keyId);

    List<ApiKey> findByAccountIdOrderByCreatedAtAscKeyIdAsc(UUID accountId);
}
