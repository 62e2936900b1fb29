package io.opsguard.shared.definition;

/** A definition with one of its versions (the current one unless asked otherwise). */
public record DefinitionState<D>(DefinitionRow row, DefinitionVersion<D> version) {

	public D content() {
		return this.version.content();
	}

	public String code() {
		return this.row.code();
	}

}
