package io.opsguard.alerting.expr;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A value of an expression for one resource: one number for the whole resource ({@link #scalar}), or
 * one per instance, keys sorted so that two of them join by a merge. NaN means no value.
 */
final class Values {

	private static final Values NONE = new Values(null, new double[] { Double.NaN });

	/** Sorted instance names, or null for a single value that joins every instance. */
	final String[] keys;

	final double[] values;

	private Values(String[] keys, double[] values) {
		this.keys = keys;
		this.values = values;
	}

	static Values scalar(double value) {
		return Double.isNaN(value) ? NONE : new Values(null, new double[] { value });
	}

	static Values perInstance(String[] sortedKeys, double[] values) {
		return new Values(sortedKeys, values);
	}

	boolean isScalar() {
		return this.keys == null;
	}

	/** The value for an instance: the single value, or the instance's own (NaN when it has none). */
	double at(String instance) {
		if (this.keys == null) {
			return this.values[0];
		}
		int index = Arrays.binarySearch(this.keys, instance);
		return (index >= 0) ? this.values[index] : Double.NaN;
	}

	Values map(DoubleUnaryOperator function) {
		double[] mapped = new double[this.values.length];
		for (int i = 0; i < mapped.length; i++) {
			mapped[i] = function.applyAsDouble(this.values[i]);
		}
		return new Values(this.keys, mapped);
	}

	/**
	 * The operator applied instance by instance: a single value joins every instance; two sets of
	 * instances join on equal names, both required ({@code or}: either suffices, the other side then
	 * has no value).
	 */
	static Values combine(Operator operator, Values left, Values right) {
		if (left.keys == null && right.keys == null) {
			return scalar(operator.combine(left.values[0], right.values[0]));
		}
		if (left.keys == null) {
			double a = left.values[0];
			double[] result = new double[right.values.length];
			for (int i = 0; i < result.length; i++) {
				result[i] = operator.combine(a, right.values[i]);
			}
			return new Values(right.keys, result);
		}
		if (right.keys == null) {
			double b = right.values[0];
			double[] result = new double[left.values.length];
			for (int i = 0; i < result.length; i++) {
				result[i] = operator.combine(left.values[i], b);
			}
			return new Values(left.keys, result);
		}
		return join(operator, left, right, operator == Operator.OR);
	}

	private static Values join(Operator operator, Values left, Values right, boolean outer) {
		int capacity = outer ? left.keys.length + right.keys.length : Math.min(left.keys.length, right.keys.length);
		String[] keys = new String[capacity];
		double[] result = new double[capacity];
		int i = 0;
		int j = 0;
		int n = 0;
		while (i < left.keys.length || j < right.keys.length) {
			if (!outer && (i == left.keys.length || j == right.keys.length)) {
				break;
			}
			int order = (i == left.keys.length) ? 1 : (j == right.keys.length) ? -1 : left.keys[i].compareTo(right.keys[j]);
			if (order == 0) {
				keys[n] = left.keys[i];
				result[n++] = operator.combine(left.values[i++], right.values[j++]);
			}
			else if (order < 0) {
				if (outer) {
					keys[n] = left.keys[i];
					result[n++] = operator.combine(left.values[i], Double.NaN);
				}
				i++;
			}
			else {
				if (outer) {
					keys[n] = right.keys[j];
					result[n++] = operator.combine(Double.NaN, right.values[j]);
				}
				j++;
			}
		}
		return new Values((n == keys.length) ? keys : Arrays.copyOf(keys, n),
				(n == result.length) ? result : Arrays.copyOf(result, n));
	}

}
