package io.opsguard.servicelevel;

/** A grade of business sensitivity (业务敏感度) or business dependence (业务依赖度), HS/T 42 §6.2. */
public enum Degree {

	/** 很高 */
	VERY_HIGH,
	/** 高 */
	HIGH,
	/** 中 */
	MEDIUM,
	/** 低 */
	LOW

}
