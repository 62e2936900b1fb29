package io.opsguard.cmdb;

import java.util.Set;

/** Fields or attributes of a configuration item changed (names as in the API, attributes as {@code attributes.x}). */
public record CiChanged(long ciId, Set<String> changedFields) {
}
