package io.opsguard.cmdb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read access to the CMDB for other modules (grading, monitoring, service desk). */
public interface ConfigurationItems {

	Optional<CiView> find(long id);

	/**
	 * The names of the CIs with these ids, by id, read at once (a list page naming its business
	 * systems, an export naming thousands); unknown ids are left out.
	 */
	Map<Long, String> names(java.util.Collection<Long> ids);

	/**
	 * The organisation of each CI with these ids, read at once (monitoring scopes the series of
	 * thousands of resources by them); unknown ids are left out.
	 */
	default Map<Long, Long> organisations(java.util.Collection<Long> ids) {
		Map<Long, Long> organisations = new java.util.HashMap<>();
		for (Long id : ids) {
			find(id).ifPresent(ci -> organisations.put(id, ci.organisationId()));
		}
		return organisations;
	}

	/** The relations of a CI in both directions. */
	List<RelationView> relationsOf(long ciId);

	/** Every business system (the business-system class or below) that is not retired. */
	List<CiView> businessSystems();

	/** Every relation of one type. */
	List<RelationView> relationsOfType(RelationType type);

	/**
	 * What a CI is built from: what it runs on, depends on or contains, transitively (the CIs whose
	 * failure would reach it); without the CI itself.
	 */
	Set<Long> componentsOf(long ciId);

	/** Whether the class with this code is {@code ancestorCode} or below it. */
	boolean isA(String classCode, String ancestorCode);

	/**
	 * The CIs in use within a data scope that match every given part of a selection (bulk
	 * onboarding of monitors: "every server of 东区", "the hosts of this business system"), by name,
	 * at most {@code limit}.
	 */
	List<CiView> select(io.opsguard.identity.DataScope scope, CiSelection selection, int limit);

	/**
	 * Which CIs a bulk operation applies to; every part is optional and they combine.
	 *
	 * @param classCode a class and the classes below it
	 * @param tag a tag the CI carries
	 * @param organisationId an organisation and those below it
	 * @param businessSystemId a business system: the CIs it is built from (runs on, depends on, contains)
	 * @param ids these CIs only
	 * @param q a text in the CI's code, name or other searchable fields
	 */
	record CiSelection(String classCode, String tag, Long organisationId, Long businessSystemId,
			java.util.Collection<Long> ids, String q) {
	}

	/** A configuration item as other modules see it; {@code attributes} as stored (typed JSON values). */
	record CiView(long id, String code, String name, String classCode, long organisationId, CiStatus status,
			Importance importance, Map<String, Object> attributes) {
	}

	/** A relation between two CIs. */
	record RelationView(long id, RelationType type, long sourceId, long targetId, StandbyMode standbyMode) {
	}

}
