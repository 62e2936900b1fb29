package io.opsguard.monitoring.collect;

import java.util.List;
import java.util.Map;

/**
 * What one collection produced.
 *
 * @param outcome how it ended
 * @param detail the exact technical reason when it did not succeed fully (e.g. "Connection refused
 * to 10.0.0.5:22", "OID 1.3.6.1.2.1.25.2.3.1.6 not found"), shown under the localized outcome by
 * "test now"; never contains a secret
 * @param values the values read
 * @param facts descriptive properties of the target (sysName, sysDescr, OS version, server version)
 * @param inventories named lists the target reported, such as {@code processes}: the running
 * process names for the process checks (R-MON-04)
 */
public record CollectionResult(Outcome outcome, String detail, List<CollectedValue> values, Map<String, String> facts,
		Map<String, List<String>> inventories) {

	public CollectionResult {
		values = List.copyOf(values);
		facts = Map.copyOf(facts);
		inventories = Map.copyOf(inventories);
	}

	public static CollectionResult success(List<CollectedValue> values) {
		return new CollectionResult(Outcome.SUCCESS, null, values, Map.of(), Map.of());
	}

	public static CollectionResult failure(Outcome outcome, String detail) {
		return new CollectionResult(outcome, detail, List.of(), Map.of(), Map.of());
	}

	public CollectionResult withFacts(Map<String, String> more) {
		return new CollectionResult(this.outcome, this.detail, this.values, more, this.inventories);
	}

	public CollectionResult withInventory(String name, List<String> items) {
		java.util.Map<String, List<String>> all = new java.util.HashMap<>(this.inventories);
		all.put(name, List.copyOf(items));
		return new CollectionResult(this.outcome, this.detail, this.values, this.facts, all);
	}

}
