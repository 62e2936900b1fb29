package io.opsguard.shared.definition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of versioned definition, as its module describes it: where it is stored, what its
 * content is, how the content is checked, the presets, who uses a definition, how the audit log
 * names it. Everything else (versions, copies, locking, scope, audit, presets at start) is the
 * kernel's.
 *
 * @param <D> the content of a version, stored as JSON (an immutable record with value equality)
 */
public interface DefinitionType<D> {

	/**
	 * The module's definition table, e.g. {@code cal_calendar}; its versions are in
	 * {@code <table>_version}. Both have the kernel's shape (ADR 0009).
	 */
	String table();

	Class<D> contentType();

	/** What the audit log names it: {@code CALENDAR} gives {@code CALENDAR_CREATED} on target type {@code CALENDAR}. */
	String auditTarget();

	/** The module's error codes for the kernel's refusals. */
	DefinitionErrors errors();

	/**
	 * Checks a content and answers it (normalised if the type wishes); throws an
	 * {@link io.opsguard.shared.OpsGuardException} naming every bad field otherwise.
	 */
	D validate(D content);

	/** The content of a new definition that is neither given nor copied. */
	D blank();

	/** Built-in definitions, created at first start and re-synchronised at every start. */
	default List<Preset<D>> presets() {
		return List.of();
	}

	/** What uses a definition (a definition in use is not deleted); empty when nothing does. */
	default List<Usage> usesOf(String code) {
		return List.of();
	}

	/** The content as the audit log summarises it (field → value). */
	default Map<String, Object> auditView(D content) {
		return Map.of();
	}

	/**
	 * What a content resolves to when a version is written and is kept with the version (a calendar's
	 * holidays from the official schedule); null when the type derives nothing.
	 */
	default Object derive(D content) {
		return null;
	}

	/** Codes that are names of pages in the UI; {@code new} and {@code options} are always reserved. */
	default Set<String> reservedCodes() {
		return Set.of();
	}

}
