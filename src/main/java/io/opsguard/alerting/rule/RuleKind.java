package io.opsguard.alerting.rule;

/** What a rule watches. */
public enum RuleKind {

	/** A metric compared with a threshold for a while. */
	THRESHOLD,
	/** The resource's availability: collections failing, processes, certificates, disks, baselines, traps. */
	AVAILABILITY,
	/** An expression over several metrics of one resource. */
	EXPRESSION

}
