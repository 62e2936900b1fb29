package io.opsguard.monitoring.template;

/** A template that cannot be used, with every fault found in it. */
public class TemplateException extends RuntimeException {

	private final transient TemplateProblems problems;

	public TemplateException(String source, TemplateProblems problems) {
		super("Invalid monitor template " + source + ": " + problems.all());
		this.problems = problems;
	}

	public TemplateProblems problems() {
		return this.problems;
	}

}
