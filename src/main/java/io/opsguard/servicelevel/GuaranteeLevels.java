package io.opsguard.servicelevel;

import java.util.Optional;

/** The guarantee levels of business systems, for other modules (monitoring, service desk, reports). */
public interface GuaranteeLevels {

	/** The effective level (1 highest … 5) of a business system, if it has one. */
	Optional<Integer> levelOf(long systemId);

}
