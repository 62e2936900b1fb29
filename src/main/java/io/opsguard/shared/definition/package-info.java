/**
 * The kernel of versioned, copyable, preset-seeded definitions (ADR 0009): working calendars, SLA
 * policies, and next duty patterns, inspection and report templates, alert rules. A module describes
 * its kind of definition once ({@link io.opsguard.shared.definition.DefinitionType}: tables, content
 * class, validation, presets, who uses one, audit target) and gets list, get, versions, create
 * (blank or a copy), update with optimistic locking into immutable versions, delete unless in use,
 * presets re-synchronised at start, organisation scope and audit from
 * {@link io.opsguard.shared.definition.VersionedDefinitions}. Each module keeps its own two tables of
 * the same shape.
 */
package io.opsguard.shared.definition;
