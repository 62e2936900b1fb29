package io.opsguard.benchmark;

/** A measured figure printed as {@code name: value unit (target …)}. */
record Figure(String name, double value, String unit, String target, boolean met, String remark) {

	static Figure atMost(String name, double value, String unit, double target) {
		return new Figure(name, value, unit, "≤ " + format(target) + " " + unit, value <= target, null);
	}

	static Figure atLeast(String name, double value, String unit, double target) {
		return new Figure(name, value, unit, "≥ " + format(target) + " " + unit, value >= target, null);
	}

	static Figure info(String name, double value, String unit) {
		return new Figure(name, value, unit, null, true, null);
	}

	Figure remark(String text) {
		return new Figure(this.name, this.value, this.unit, this.target, this.met, text);
	}

	String line(String database) {
		StringBuilder line = new StringBuilder(this.name).append(" [").append(database).append("]: ")
			.append(format(this.value)).append(' ').append(this.unit);
		if (this.target != null) {
			line.append(" (target ").append(this.target).append(this.met ? ", met" : ", NOT met").append(')');
		}
		if (this.remark != null) {
			line.append(" — ").append(this.remark);
		}
		return line.toString();
	}

	static String format(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.valueOf((long) value)
				: String.format(java.util.Locale.ROOT, "%.1f", value);
	}

}
