package io.opsguard.monitoring.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults found in a template, each at a path ({@code metrics[3].source.oid}) with a message
 * code ({@code template.problem.<code>} in the message files) and its arguments, so that an
 * administrator uploading a template reads every fault in their language at once.
 */
public final class TemplateProblems {

	private final List<Problem> problems = new ArrayList<>();

	/** Records a fault. Common codes: required, badValue, unknownKey, duplicate. */
	public void add(String path, String code, Object... arguments) {
		this.problems.add(new Problem(path, code, List.of(arguments)));
	}

	public boolean isEmpty() {
		return this.problems.isEmpty();
	}

	public List<Problem> all() {
		return List.copyOf(this.problems);
	}

	/** One fault. */
	public record Problem(String path, String code, List<Object> arguments) {

		public String messageKey() {
			return "template.problem." + this.code;
		}

		@Override
		public String toString() {
			return this.path + ": " + this.code + " " + this.arguments;
		}

	}

}
