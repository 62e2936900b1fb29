package io.opsguard.alerting.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

import io.opsguard.alerting.expr.Node.Abs;
import io.opsguard.alerting.expr.Node.Binary;
import io.opsguard.alerting.expr.Node.Neg;
import io.opsguard.alerting.expr.Node.Not;
import io.opsguard.alerting.expr.Node.Num;
import io.opsguard.alerting.expr.Node.Series;
import io.opsguard.alerting.expr.SeriesAccess.Samples;

/**
 * An expression made ready to evaluate many times: each metric is read once per evaluation over
 * the largest window the expression uses for it, every step keeps its value in a slot of the
 * evaluation's frame (so that the value shown on an alert is found without computing anything
 * twice), and the loops run over primitive arrays.
 */
final class Plan {

	private static final Map<String, Samples> NO_SERIES = Map.of();

	private static final String[] NO_KEYS = new String[0];

	private static final long[] NO_TIMES = new long[0];

	private static final double[] NO_VALUES = new double[0];

	private final String[] metrics;

	private final long[] windows;

	private final Step root;

	private final int slots;

	private final String pinnedInstance;

	private Plan(String[] metrics, long[] windows, Step root, int slots, String pinnedInstance) {
		this.metrics = metrics;
		this.windows = windows;
		this.root = root;
		this.slots = slots;
		this.pinnedInstance = pinnedInstance;
	}

	static Plan compile(Node root, Map<String, Long> windowByMetric, String pinnedInstance) {
		List<String> metrics = new ArrayList<>(windowByMetric.keySet());
		long[] windows = new long[metrics.size()];
		for (int i = 0; i < windows.length; i++) {
			windows[i] = windowByMetric.get(metrics.get(i));
		}
		int[] slots = { 0 };
		Step step = compile(root, metrics, slots);
		return new Plan(metrics.toArray(String[]::new), windows, step, slots[0], pinnedInstance);
	}

	private static Step compile(Node node, List<String> metrics, int[] slots) {
		int slot = slots[0]++;
		if (node instanceof Num num) {
			return new Constant(slot, Values.scalar(num.value()));
		}
		if (node instanceof Series series) {
			return new Read(slot, metrics.indexOf(series.metric()), series);
		}
		if (node instanceof Abs abs) {
			return new Unary(slot, compile(abs.argument(), metrics, slots), Math::abs, false);
		}
		if (node instanceof Neg neg) {
			return new Unary(slot, compile(neg.operand(), metrics, slots), value -> -value, false);
		}
		if (node instanceof Not not) {
			return new Unary(slot, compile(not.operand(), metrics, slots),
					value -> Double.isNaN(value) ? Double.NaN : (value == 0) ? 1 : 0, true);
		}
		Binary binary = (Binary) node;
		Step left = compile(binary.left(), metrics, slots);
		Step right = compile(binary.right(), metrics, slots);
		return new Combine(slot, binary.operator(), left, right);
	}

	AlertExpression.Result evaluate(SeriesAccess access, long now) {
		Frame frame = new Frame(this, now);
		for (int i = 0; i < this.metrics.length; i++) {
			Map<String, Samples> read = access.read(this.metrics[i], now - this.windows[i], now);
			frame.data[i] = (read == null) ? NO_SERIES : read;
		}
		Values result = this.root.evaluate(frame);
		if (result.isScalar()) {
			if (!Operator.isTrue(result.values[0])) {
				return AlertExpression.Result.NOT_FIRING;
			}
			return result(frame, new String[] { this.pinnedInstance });
		}
		int firing = 0;
		for (double value : result.values) {
			if (Operator.isTrue(value)) {
				firing++;
			}
		}
		if (firing == 0) {
			return AlertExpression.Result.NOT_FIRING;
		}
		String[] instances = new String[firing];
		int n = 0;
		for (int i = 0; i < result.values.length; i++) {
			if (Operator.isTrue(result.values[i])) {
				instances[n++] = result.keys[i];
			}
		}
		return result(frame, instances);
	}

	private AlertExpression.Result result(Frame frame, String[] instances) {
		Map<String, Double> valueByInstance = new LinkedHashMap<>();
		Set<String> firing = new LinkedHashSet<>();
		for (String instance : instances) {
			firing.add(instance);
			valueByInstance.put(instance, this.root.shown(frame, instance));
		}
		return new AlertExpression.Result(true, Collections.unmodifiableMap(valueByInstance),
				Collections.unmodifiableSet(firing));
	}

	/** The state of one evaluation: the series read and every step's value. */
	private static final class Frame {

		final long now;

		final Map<String, Samples>[] data;

		final String[][] sortedKeys;

		final Values[] values;

		@SuppressWarnings("unchecked")
		Frame(Plan plan, long now) {
			this.now = now;
			this.data = new Map[plan.metrics.length];
			this.sortedKeys = new String[plan.metrics.length][];
			this.values = new Values[plan.slots];
		}

		String[] keys(int metric) {
			String[] keys = this.sortedKeys[metric];
			if (keys == null) {
				keys = this.data[metric].isEmpty() ? NO_KEYS : this.data[metric].keySet().toArray(NO_KEYS);
				Arrays.sort(keys);
				this.sortedKeys[metric] = keys;
			}
			return keys;
		}

	}

	private abstract static class Step {

		final int slot;

		Step(int slot) {
			this.slot = slot;
		}

		final Values evaluate(Frame frame) {
			Values values = compute(frame);
			frame.values[this.slot] = values;
			return values;
		}

		abstract Values compute(Frame frame);

		/**
		 * The value an alert shows for an instance where the expression is true: the left-hand side
		 * of the comparison that decided it ({@code cpu_usage} in {@code cpu_usage > 90}).
		 */
		double shown(Frame frame, String instance) {
			return frame.values[this.slot].at(instance);
		}

	}

	private static final class Constant extends Step {

		private final Values value;

		Constant(int slot, Values value) {
			super(slot);
			this.value = value;
		}

		@Override
		Values compute(Frame frame) {
			return this.value;
		}

	}

	private static final class Unary extends Step {

		private final Step operand;

		private final DoubleUnaryOperator function;

		/** A {@code not}: its alert shows what its operand shows (the measured value, not 1 or 0). */
		private final boolean showsOperand;

		Unary(int slot, Step operand, DoubleUnaryOperator function, boolean showsOperand) {
			super(slot);
			this.operand = operand;
			this.function = function;
			this.showsOperand = showsOperand;
		}

		@Override
		Values compute(Frame frame) {
			Values values = this.operand.evaluate(frame);
			if (values.isScalar()) {
				return Values.scalar(this.function.applyAsDouble(values.values[0]));
			}
			return values.map(this.function);
		}

		@Override
		double shown(Frame frame, String instance) {
			return this.showsOperand ? this.operand.shown(frame, instance) : super.shown(frame, instance);
		}

	}

	private static final class Combine extends Step {

		private final Operator operator;

		private final Step left;

		private final Step right;

		Combine(int slot, Operator operator, Step left, Step right) {
			super(slot);
			this.operator = operator;
			this.left = left;
			this.right = right;
		}

		@Override
		Values compute(Frame frame) {
			Values a = this.left.evaluate(frame);
			Values b = this.right.evaluate(frame);
			return Values.combine(this.operator, a, b);
		}

		@Override
		double shown(Frame frame, String instance) {
			if (this.operator.isComparison()) {
				return frame.values[this.left.slot].at(instance);
			}
			if (this.operator == Operator.AND) {
				return this.left.shown(frame, instance);
			}
			if (this.operator == Operator.OR) {
				boolean leftTrue = Operator.isTrue(frame.values[this.left.slot].at(instance));
				return (leftTrue ? this.left : this.right).shown(frame, instance);
			}
			return super.shown(frame, instance);
		}

	}

	/** A metric reduced over its window, per instance or for the one instance selected. */
	private static final class Read extends Step {

		private final int metric;

		private final String instance;

		private final WindowFunction function;

		private final long window;

		Read(int slot, int metric, Series series) {
			super(slot);
			this.metric = metric;
			this.instance = series.instance();
			this.function = series.function();
			this.window = series.windowMillis();
		}

		@Override
		Values compute(Frame frame) {
			Map<String, Samples> data = frame.data[this.metric];
			long from = frame.now - this.window;
			if (this.instance != null) {
				return Values.scalar(reduce(data.get(this.instance), from, frame.now));
			}
			if (this.function == WindowFunction.ABSENT) {
				for (Samples samples : data.values()) {
					if (reduce(samples, from, frame.now) == 0) {
						return Values.scalar(0);
					}
				}
				return Values.scalar(1);
			}
			String[] keys = frame.keys(this.metric);
			if (keys.length == 0) {
				return Values.scalar((this.function == WindowFunction.COUNT_OVER) ? 0 : Double.NaN);
			}
			if (keys.length == 1 && keys[0].isEmpty()) {
				return Values.scalar(reduce(data.get(keys[0]), from, frame.now));
			}
			double[] values = new double[keys.length];
			for (int i = 0; i < keys.length; i++) {
				values[i] = reduce(data.get(keys[i]), from, frame.now);
			}
			return Values.perInstance(keys, values);
		}

		private double reduce(Samples samples, long from, long to) {
			if (samples == null) {
				return this.function.compute(NO_TIMES, NO_VALUES, 0, 0);
			}
			long[] timestamps = samples.timestamps();
			int start = firstAtOrAfter(timestamps, from);
			int end = firstAtOrAfter(timestamps, to + 1);
			return this.function.compute(timestamps, samples.values(), start, end);
		}

		/** Index of the first timestamp {@code >= time} (the length when there is none). */
		private static int firstAtOrAfter(long[] timestamps, long time) {
			int low = 0;
			int high = timestamps.length;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (timestamps[middle] < time) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			return low;
		}

	}

}
