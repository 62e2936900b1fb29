package io.opsguard.monitoring.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

	/** Records an {@code unknownKey} fault at {@code path.key} for each key of a mapping that is none of the known ones. */
	public void unknownKeys(String path, Map<?, ?> mapping, Set<String> known) {
		for (Object key : mapping.keySet()) {
			if (!known.contains(String.valueOf(key))) {
				add(path + "." + key, "unknownKey", key);
			}
		}
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
