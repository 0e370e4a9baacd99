package org.recourse.triage.cases;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface CaseRepository extends MongoRepository<Case, String> {

	Optional<Case> findByReportId(String reportId);

}
