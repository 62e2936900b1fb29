package io.opsguard.cmdb;

/** A relation between two configuration items was added or removed. */
public record RelationChanged(long relationId, RelationType type, long sourceId, long targetId, boolean added) {
}
