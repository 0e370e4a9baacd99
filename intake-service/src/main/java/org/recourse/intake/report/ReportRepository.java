package org.recourse.intake.report;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ReportRepository extends MongoRepository<Report, String> {

	Optional<Report> findByReceiptLookup(String receiptLookup);

	Optional<Report> findByIdempotencyLookup(String idempotencyLookup);

}
