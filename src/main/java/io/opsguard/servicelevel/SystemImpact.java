package io.opsguard.servicelevel;

/** 系统影响度 (HS/T 42 §6.2.3): what an interruption does to the business. */
public enum SystemImpact {

	/** 重大 */
	MAJOR,
	/** 较大 */
	LARGE,
	/** 明显 */
	OBVIOUS,
	/** 轻微 */
	SLIGHT,
	/** 基本没有 */
	NONE

}
