package io.opsguard.cmdb.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;

/** A configuration item as stored in {@code cmdb_ci}. */
public record CiRecord(long id, long classId, String code, String name, long organisationId, Long ownerId, CiStatus status,
		Importance importance, String location, String vendor, String model, String serialNumber, String contract,
		List<Document> documents, List<String> tags, String notes, Map<String, Object> attributes,
		Instant lastVerifiedAt, Instant createdAt, Instant updatedAt, Instant retiredAt, int version) {

	/** A paper or electronic document about an asset: a title and where to find it. */
	public record Document(String title, String reference) {
	}

}
