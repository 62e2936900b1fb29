package io.opsguard.servicelevel.internal;

import java.text.Collator;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.opsguard.servicelevel.internal.SystemServices.SystemSummary;

/**
 * The orders of the systems overview: the fields a client may sort by ({@code sort=field,dir},
 * checked by {@link io.opsguard.shared.PageQuery}) and the comparator of each. Names sort as a
 * Chinese reader expects (by pinyin); systems without a level (or a service grade) come after
 * level 5; ties go by name.
 */
final class SystemOrder {

	static final String DEFAULT = "name asc";

	private static final Map<String, Comparator<SystemSummary>> ORDERS = orders();

	/** Sortable field → itself: the whitelist PageQuery checks {@code sort} against. */
	static final Map<String, String> FIELDS = fields();

	private SystemOrder() {
	}

	/** The comparator of PageQuery's checked order ({@code field dir, name asc}). */
	static Comparator<SystemSummary> of(String orderBy) {
		String[] first = orderBy.split(",")[0].trim().split(" ");
		Comparator<SystemSummary> order = ORDERS.get(first[0]);
		if (first.length > 1 && first[1].equals("desc")) {
			order = order.reversed();
		}
		return order.thenComparing(ORDERS.get("name")).thenComparingLong(SystemSummary::id);
	}

	private static Map<String, Comparator<SystemSummary>> orders() {
		Map<String, Comparator<SystemSummary>> orders = new HashMap<>();
		Collator chinese = Collator.getInstance(Locale.CHINA);
		Comparator<String> text = Comparator.nullsLast((a, b) -> chinese.compare(a, b));
		orders.put("name", Comparator.comparing(SystemSummary::name, text));
		orders.put("code", Comparator.comparing(SystemSummary::code, text));
		orders.put("organisationName", Comparator.comparing(SystemSummary::organisationName, text));
		orders.put("level", nullsLast(SystemSummary::level));
		orders.put("serviceGrade", nullsLast(SystemSummary::serviceGrade));
		orders.put("slaPolicy", Comparator.comparing(SystemSummary::slaPolicy, text));
		orders.put("gapCount", Comparator.comparingInt(SystemSummary::gapCount));
		orders.put("levelUpdatedAt", nullsLast(SystemSummary::levelUpdatedAt));
		return Map.copyOf(orders);
	}

	private static Map<String, String> fields() {
		Map<String, String> fields = new HashMap<>();
		ORDERS.keySet().forEach(k -> fields.put(k, k));
		return Map.copyOf(fields);
	}

	private static <T extends Comparable<T>> Comparator<SystemSummary> nullsLast(Function<SystemSummary, T> key) {
		return Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
	}

}
