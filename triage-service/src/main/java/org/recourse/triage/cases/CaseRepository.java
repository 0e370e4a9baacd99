package org.recourse.triage.cases;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface CaseRepository extends MongoRepository<Case, String> {

	Optional<Case> findByReportId(String reportId);

	List<Case> findByOwnerIdOrderByAcknowledgeByAsc(String ownerId, Pageable page);

	List<Case> findByQueueOrderByAcknowledgeByAsc(Queue queue, Pageable page);

}
