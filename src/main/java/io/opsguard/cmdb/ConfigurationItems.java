package io.opsguard.cmdb;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to the CMDB for other modules (grading, monitoring, service desk). */
public interface ConfigurationItems {

	Optional<CiView> find(long id);

	/** The relations of a CI in both directions. */
	List<RelationView> relationsOf(long ciId);

	/** Whether the class with this code is {@code ancestorCode} or below it. */
	boolean isA(String classCode, String ancestorCode);

	/** A configuration item as other modules see it; {@code attributes} as stored (typed JSON values). */
	record CiView(long id, String code, String name, String classCode, long organisationId, CiStatus status,
			Importance importance, Map<String, Object> attributes) {
	}

	/** A relation between two CIs. */
	record RelationView(long id, RelationType type, long sourceId, long targetId, StandbyMode standbyMode) {
	}

}
