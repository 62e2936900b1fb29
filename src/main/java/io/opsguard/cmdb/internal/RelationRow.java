package io.opsguard.cmdb.internal;

import java.time.Instant;

import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;

/** A relation as stored in {@code cmdb_relation}: {@code source} (type) {@code target}. */
public record RelationRow(long id, RelationType type, long sourceId, long targetId, StandbyMode standbyMode, String notes,
		Instant createdAt, String createdBy) {
}
