package io.opsguard.cmdb;

import java.util.Collection;
import java.util.Map;

/**
 * Plug-in point: the module that grades business systems tells the CMDB their guarantee levels
 * (1 highest … 5), so that the business-system catalogue can show them. Systems without a level
 * are absent from the answer.
 */
public interface BusinessSystemLevels {

	Map<Long, Integer> levels(Collection<Long> systemIds);

}
