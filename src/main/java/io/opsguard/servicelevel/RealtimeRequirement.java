package io.opsguard.servicelevel;

/** 实时性要求 (HS/T 42 §6.1): how soon the business needs the system back. */
public enum RealtimeRequirement {

	/** 高 */
	HIGH,
	/** 不高 */
	NOT_HIGH,
	/** 低 */
	LOW

}
